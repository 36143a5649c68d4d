import {describe, expect, it} from 'vitest';
import {parseXml} from './xml-reader.js';
import {items, xmlDocument} from './xml-writer.js';

describe('xmlDocument', () => {
  it('writes nested elements, repeated list entries, escaped text and ISO dates, leaving out undefined', () => {
    const xml = xmlDocument('DescribeVpcsResponse', {
      vpcSet: items([{vpcId: 'vpc-1', isDefault: false}, {vpcId: 'a<b&c'}]),
      nextToken: undefined,
      createTime: new Date(Date.UTC(2026, 0, 2)),
      empty: items([]),
    }, 'http://ec2.amazonaws.com/doc/2016-11-15/');
    expect(xml).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">' +
      '<vpcSet><item><vpcId>vpc-1</vpcId><isDefault>false</isDefault></item><item><vpcId>a&lt;b&amp;c</vpcId></item></vpcSet>' +
      '<createTime>2026-01-02T00:00:00.000Z</createTime><empty/></DescribeVpcsResponse>');
  });
});

describe('parseXml', () => {
  it('reads elements, repeated children and entities, ignoring the declaration and namespaces', () => {
    const root = parseXml('<?xml version="1.0"?><r:Batch xmlns:r="x">' +
      '<Change><Name>a&amp;b</Name></Change><Change><Name><![CDATA[<c>]]></Name></Change><Empty/></r:Batch>');
    expect(root.name).toBe('Batch');
    expect(root.all('Change').map((change) => change.value('Name'))).toEqual(['a&b', '<c>']);
    expect(root.value('Empty')).toBe('');
    expect(root.value('Missing')).toBeUndefined();
  });

  it('rejects a document that is cut short or badly nested', () => {
    expect(() => parseXml('<a><b></a>')).toThrow(expect.objectContaining({code: 'MalformedXML'}));
    expect(() => parseXml('<a><b>')).toThrow(expect.objectContaining({code: 'MalformedXML'}));
  });
});
