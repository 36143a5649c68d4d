import {createHash} from 'node:crypto';
import type {Storage} from '@google-cloud/storage';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {startCloudSim, type CloudSim, type GcsService} from '../src/index.js';
import {gcsClient, rejectionOf} from './clients.js';

const BUCKET = 'kopsx-state';
let sim: CloudSim;
let gcs: Storage;

beforeEach(async () => {
  sim = await startCloudSim();
  gcs = gcsClient(sim);
  await gcs.createBucket(BUCKET);
});

afterEach(async () => {
  await sim.close();
});

const file = (name: string) => gcs.bucket(BUCKET).file(name);
const read = async (name: string) => (await file(name).download())[0].toString();
/** The HTTP status of a failed call: ApiError carries it as `code`, a failed resumable session start as `status`. */
const statusOf = (error: Record<string, unknown>) => error.code ?? error.status;

describe('GCS objects', () => {
  it('uploads (resumable, the client default) and downloads, with checksums the client verifies', async () => {
    await file('c1/config').save('spec: {}', {contentType: 'text/yaml'});
    expect(await read('c1/config')).toBe('spec: {}');
    const [metadata] = await file('c1/config').getMetadata();
    expect(metadata.size).toBe(String('spec: {}'.length));
    expect(metadata.contentType).toBe('text/yaml');
    expect(metadata.md5Hash).toBe(createHash('md5').update('spec: {}').digest('base64'));
  });

  it('uploads in one multipart request with custom metadata', async () => {
    await file('c1/secret').save('s3cr3t', {resumable: false, metadata: {metadata: {kind: 'secret'}}});
    expect(await read('c1/secret')).toBe('s3cr3t');
    const [metadata] = await file('c1/secret').getMetadata();
    expect(metadata.metadata).toEqual({kind: 'secret'});
  });

  it('uploads a resumable session in several chunks', async () => {
    const data = Buffer.alloc(600 * 1024, 7);
    await file('big').save(data, {chunkSize: 256 * 1024});
    const [downloaded] = await file('big').download();
    expect(downloaded.equals(data)).toBe(true);
    const inserts = sim.requests().filter((entry) => entry.action === 'storage.objects.insert');
    expect(inserts.length).toBeGreaterThan(2);
  });

  it('bumps the generation on every write', async () => {
    await file('c1/config').save('v1');
    const [first] = await file('c1/config').getMetadata();
    await file('c1/config').save('v2');
    const [second] = await file('c1/config').getMetadata();
    expect(BigInt(second.generation ?? 0)).toBeGreaterThan(BigInt(first.generation ?? 0));
  });

  it.each([{resumable: true}, {resumable: false}])('refuses a second create with ifGenerationMatch: 0 (412), resumable: $resumable', async ({resumable}) => {
    await file('c1/.lock').save('holder-a', {resumable, preconditionOpts: {ifGenerationMatch: 0}});
    const error = await rejectionOf(file('c1/.lock').save('holder-b', {resumable, preconditionOpts: {ifGenerationMatch: 0}}));
    expect(statusOf(error)).toBe(412);
    expect(await read('c1/.lock')).toBe('holder-a');
  });

  it('writes and deletes with ifGenerationMatch only while the generation is current', async () => {
    await file('c1/config').save('v1');
    const [{generation}] = await file('c1/config').getMetadata();
    await file('c1/config').save('v2', {resumable: false, preconditionOpts: {ifGenerationMatch: Number(generation)}});
    const stale = await rejectionOf(file('c1/config').save('v3', {resumable: false, preconditionOpts: {ifGenerationMatch: Number(generation)}}));
    expect(stale.code).toBe(412);
    const staleDelete = await rejectionOf(file('c1/config').delete({ifGenerationMatch: Number(generation)}));
    expect(staleDelete.code).toBe(412);
    expect(await read('c1/config')).toBe('v2');
  });

  it.each([{resumable: true}, {resumable: false}])('lets exactly one of many concurrent conditional creates win, resumable: $resumable', async ({resumable}) => {
    const attempts = Array.from({length: 10}, (_, i) =>
      file('c1/.lock').save(`holder-${i}`, {resumable, preconditionOpts: {ifGenerationMatch: 0}}));
    const results = await Promise.allSettled(attempts);
    const winners = results.flatMap((result, i) => (result.status === 'fulfilled' ? [i] : []));
    expect(winners).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') expect(statusOf(result.reason as Record<string, unknown>)).toBe(412);
    }
    expect(await read('c1/.lock')).toBe(`holder-${winners[0]}`);
  });

  it('deletes objects; missing objects and buckets are 404', async () => {
    await file('c1/config').save('v1');
    await file('c1/config').delete();
    expect((await file('c1/config').exists())[0]).toBe(false);
    expect((await rejectionOf(file('c1/config').delete())).code).toBe(404);
    expect((await rejectionOf(file('c1/config').getMetadata())).code).toBe(404);
    expect((await rejectionOf(file('c1/config').download())).code).toBe(404);
    expect((await rejectionOf(gcs.bucket('missing-bucket').file('x').save('x', {resumable: false}))).code).toBe(404);
  });
});

describe('GCS listing', () => {
  it('pages with page tokens (1,200 objects)', async () => {
    const names = Array.from({length: 1200}, (_, i) => `c1/instancegroup/ig-${String(i).padStart(4, '0')}`);
    const {store} = sim.service<GcsService>('gcs');
    for (const name of names) store.putObject(BUCKET, name, {data: name});

    const [firstPage, nextQuery] = await gcs.bucket(BUCKET).getFiles({prefix: 'c1/', autoPaginate: false, maxResults: 500});
    expect(firstPage).toHaveLength(500);
    expect(nextQuery).toHaveProperty('pageToken');
    const [all] = await gcs.bucket(BUCKET).getFiles({prefix: 'c1/'});
    expect(all.map((listed) => listed.name)).toEqual(names);
  });

  it('groups by delimiter into prefixes', async () => {
    for (const name of ['a/config', 'a/pki/ca', 'b/config', 'top']) await file(name).save(name, {resumable: false});
    const [files, , response] = await gcs.bucket(BUCKET).getFiles({delimiter: '/', autoPaginate: false});
    expect(files.map((listed) => listed.name)).toEqual(['top']);
    expect((response as {prefixes?: string[]}).prefixes).toEqual(['a/', 'b/']);
  });
});

describe('GCS buckets', () => {
  it('creates, reads and deletes buckets; deleting a non-empty bucket is 409', async () => {
    await gcs.createBucket('second-bucket', {labels: {cluster: 'c1'}});
    const [metadata] = await gcs.bucket('second-bucket').getMetadata();
    expect(metadata.labels).toEqual({cluster: 'c1'});
    expect((await rejectionOf(gcs.createBucket('second-bucket'))).code).toBe(409);
    await file('x').save('x', {resumable: false});
    expect((await rejectionOf(gcs.bucket(BUCKET).delete())).code).toBe(409);
    await gcs.bucket('second-bucket').delete();
    expect((await gcs.bucket('second-bucket').exists())[0]).toBe(false);
  });
});

describe('GCS emulator mode (STORAGE_EMULATOR_HOST)', () => {
  it('serves the JSON API without the /storage/v1 prefix', async () => {
    const saved = process.env.STORAGE_EMULATOR_HOST;
    process.env.STORAGE_EMULATOR_HOST = sim.env.STORAGE_EMULATOR_HOST;
    try {
      const {Storage} = await import('@google-cloud/storage');
      const emulated = new Storage({projectId: sim.env.GOOGLE_CLOUD_PROJECT, retryOptions: {autoRetry: false}});
      await emulated.bucket(BUCKET).file('c1/config').save('v1');
      expect((await emulated.bucket(BUCKET).file('c1/config').download())[0].toString()).toBe('v1');
      expect((await emulated.bucket(BUCKET).getFiles())[0].map((listed) => listed.name)).toEqual(['c1/config']);
      await emulated.bucket(BUCKET).file('c1/config').delete();
      expect(sim.requests().every((entry) => entry.status < 400)).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.STORAGE_EMULATOR_HOST;
      else process.env.STORAGE_EMULATOR_HOST = saved;
    }
  });
});
