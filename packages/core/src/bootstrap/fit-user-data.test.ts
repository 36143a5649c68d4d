import {gunzipSync} from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {firstControlPlaneGroup} from './bootstrap-role.js';
import {UserDataTooLargeError, fitUserData} from './fit-user-data.js';
import {testCaMaterial, testCluster, testJoinMaterial} from './testing/bootstrap-fixtures.js';
import {renderUserData} from './user-data.js';

/** AWS's limit on user-data, before base64. */
const AWS_LIMIT = 16 * 1024;

describe('fitting user-data into the cloud limit', () => {
  const bundle = testCluster({controlPlanes: 3, topology: 'private'});
  const options = {
    bundle,
    instanceGroup: firstControlPlaneGroup(bundle)!.metadata.name,
    apiEndpoint: 'api.internal.private-3.example.com',
    join: testJoinMaterial(),
    caMaterial: testCaMaterial(),
  };
  const plain = renderUserData(options);

  it('leaves a document that fits as it is', () => {
    const fitted = renderUserData({...options, maxBytes: plain.bytes});
    expect(fitted).toEqual({content: plain.content, compressed: false, bytes: Buffer.byteLength(plain.content)});
    expect(fitted.content.startsWith('#cloud-config\n')).toBe(true);
  });

  it('gzips the first control plane, CA keys and all, under the AWS limit; it unpacks to the same document', () => {
    expect(plain.bytes).toBeGreaterThan(AWS_LIMIT);
    const fitted = renderUserData({...options, maxBytes: AWS_LIMIT});
    const gzipped = Buffer.from(fitted.content, 'base64');
    expect(fitted.compressed).toBe(true);
    expect(fitted.bytes).toBe(gzipped.length);
    expect(fitted.bytes).toBeLessThanOrEqual(AWS_LIMIT);
    expect(gunzipSync(gzipped).toString('utf8')).toBe(plain.content);
  });

  it('gives the same bytes for the same document', () => {
    expect(renderUserData({...options, maxBytes: AWS_LIMIT})).toEqual(renderUserData({...options, maxBytes: AWS_LIMIT}));
  });

  it('throws, naming the group and sizes, when even the gzip is too large', () => {
    const tooSmall = 1024;
    expect(() => renderUserData({...options, maxBytes: tooSmall})).toThrow(UserDataTooLargeError);
    expect(() => renderUserData({...options, maxBytes: tooSmall})).toThrow(
      new RegExp(`"${options.instanceGroup}" is \\d+ bytes gzipped, over the cloud's limit of ${tooSmall}`),
    );
  });

  it('counts bytes, not characters', () => {
    const text = `#cloud-config\n# ${'é'.repeat(100)}\n`;
    expect(fitUserData(text, {instanceGroup: 'g', maxBytes: text.length}).compressed).toBe(true);
  });
});
