import {describe, expect, it} from 'vitest';
import {compareNames, decodePageToken, encodePageToken, listPage} from './list-page.js';

const NAMES = ['b/2', 'a/1', 'top', 'a/2', 'b/1', 'a/x/deep'];

/** Follows resume points until the listing is exhausted, like a paging client. */
function allPages(request: Omit<Parameters<typeof listPage>[0], 'after'>): string[][] {
  const pages: string[][] = [];
  let after: string | undefined;
  do {
    const page = listPage({...request, after});
    pages.push([...page.prefixes, ...page.names].sort(compareNames));
    after = page.resumeAfter;
  } while (after !== undefined);
  return pages;
}

describe('listPage', () => {
  it('returns names in byte order, filtered by prefix', () => {
    expect(listPage({names: NAMES, prefix: 'a/', delimiter: '', maxResults: 10})).toEqual({names: ['a/1', 'a/2', 'a/x/deep'], prefixes: []});
  });

  it('rolls names up to common prefixes at the delimiter, counting each prefix once', () => {
    expect(listPage({names: NAMES, prefix: '', delimiter: '/', maxResults: 10})).toEqual({names: ['top'], prefixes: ['a/', 'b/']});
    expect(listPage({names: NAMES, prefix: 'a/', delimiter: '/', maxResults: 10})).toEqual({names: ['a/1', 'a/2'], prefixes: ['a/x/']});
  });

  it('pages without losing or repeating entries, also across common prefixes', () => {
    expect(allPages({names: NAMES, prefix: '', delimiter: '', maxResults: 4})).toEqual([['a/1', 'a/2', 'a/x/deep', 'b/1'], ['b/2', 'top']]);
    expect(allPages({names: NAMES, prefix: '', delimiter: '/', maxResults: 1})).toEqual([['a/'], ['b/'], ['top']]);
  });

  it('says nothing follows when the last page is exactly full', () => {
    expect(listPage({names: ['x', 'y'], prefix: '', delimiter: '', maxResults: 2}).resumeAfter).toBeUndefined();
  });

  it('orders by UTF-8 bytes, as the clouds do, not by UTF-16 code units', () => {
    // U+FF5E sorts before U+1F600 in UTF-8 but after it in UTF-16.
    const names = ['\u{1F600}', '\uFF5E'];
    expect(listPage({names, prefix: '', delimiter: '', maxResults: 5}).names).toEqual(['\uFF5E', '\u{1F600}']);
  });

  it('round-trips resume points through opaque tokens and rejects foreign ones', () => {
    expect(decodePageToken(encodePageToken('a/ü b'))).toBe('a/ü b');
    expect(decodePageToken('not a token!')).toBeUndefined();
  });
});
