import {CreateBucketCommand, GetObjectCommand, ListBucketsCommand, PutObjectCommand} from '@aws-sdk/client-s3';
import {afterEach, describe, expect, it} from 'vitest';
import {startCloudSim, type CloudSim, type RequestLogEntry} from '../src/index.js';
import {gcsClient, rejectionOf, s3Client} from './clients.js';

const running: CloudSim[] = [];

async function start(options: Parameters<typeof startCloudSim>[0] = {}): Promise<CloudSim> {
  const sim = await startCloudSim(options);
  running.push(sim);
  return sim;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.close()));
});

async function admin(sim: CloudSim, method: string, path: string, body?: unknown): Promise<{status: number; json: unknown}> {
  const response = await fetch(`${sim.endpoint}/_sim/${path}`, {method, ...(body === undefined ? {} : {body: JSON.stringify(body)})});
  const text = await response.text();
  return {status: response.status, json: text ? JSON.parse(text) : undefined};
}

describe('startCloudSim', () => {
  it('listens on a free port of 127.0.0.1 and exports the variables that point SDKs at it', async () => {
    const sim = await start();
    expect(sim.endpoint).toBe(`http://127.0.0.1:${sim.port}`);
    expect(sim.env).toMatchObject({
      AWS_ENDPOINT_URL: sim.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      STORAGE_EMULATOR_HOST: sim.endpoint,
      KOPSX_GCS_ENDPOINT: sim.endpoint,
      GOOGLE_CLOUD_PROJECT: 'kopsx-sim',
      CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE: `${sim.endpoint}/compute/v1/`,
    });
    expect(sim.env.AWS_ACCESS_KEY_ID).toBeTruthy();
    expect(sim.env.AWS_SECRET_ACCESS_KEY).toBeTruthy();
  });

  it('reports a port that is already taken', async () => {
    const first = await start();
    await expect(startCloudSim({port: first.port})).rejects.toThrow(`port ${first.port} on 127.0.0.1 is already in use`);
  });

  it('answers requests no service recognises with a JSON 404', async () => {
    const sim = await start();
    const response = await fetch(`${sim.endpoint}/nothing/here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({error: 'no simulated service answers GET /nothing/here'});
    expect(sim.requests()).toEqual([]);
  });

  it('gives tests each service by name, and names the served ones for an unknown name', async () => {
    const sim = await start();
    expect(sim.service('s3').cloud).toBe('aws');
    expect(sim.service('gcs').cloud).toBe('gce');
    expect(() => sim.service('nope')).toThrow(/no simulated service "nope"; served: s3, .*gcs/);
  });
});

describe('admin API', () => {
  it('lists resources of every cloud and the request log in order, without admin calls', async () => {
    const sim = await start();
    const s3 = s3Client(sim);
    await s3.send(new CreateBucketCommand({Bucket: 'aws-state'}));
    await s3.send(new PutObjectCommand({Bucket: 'aws-state', Key: 'k', Body: 'v'}));
    await rejectionOf(s3.send(new GetObjectCommand({Bucket: 'aws-state', Key: 'missing'})));
    await gcsClient(sim).createBucket('gce-state', {labels: {cluster: 'c1'}});

    const resources = await admin(sim, 'GET', 'resources');
    expect(resources.json).toEqual([
      {cloud: 'aws', kind: 'bucket', id: 'aws-state', name: 'aws-state', tags: {}},
      {cloud: 'gce', kind: 'bucket', id: 'gce-state', name: 'gce-state', tags: {cluster: 'c1'}},
    ]);
    expect(sim.resources()).toEqual(resources.json);

    const expected: RequestLogEntry[] = [
      {service: 's3', action: 'CreateBucket', status: 200},
      {service: 's3', action: 'PutObject', status: 200},
      {service: 's3', action: 'GetObject', status: 404},
      {service: 'gcs', action: 'storage.buckets.insert', status: 200},
    ];
    expect((await admin(sim, 'GET', 'requests')).json).toEqual(expected);
    expect(sim.requests()).toEqual(expected);
    s3.destroy();
  });

  it('sets the controls, rejects bad settings with 400, and resets state, log and controls', async () => {
    const sim = await start();
    await gcsClient(sim).createBucket('gce-state');
    expect((await admin(sim, 'POST', 'config', {latencyMs: 5, throttleRate: 0.5})).json)
      .toEqual({latencyMs: 5, throttleRate: 0.5, faultAtCall: 0, kubernetes: {nodeBootDelayMs: 1000}});
    expect((await admin(sim, 'POST', 'config', {faultAtCall: 2})).json).toEqual({latencyMs: 5, throttleRate: 0.5, faultAtCall: 2, kubernetes: {nodeBootDelayMs: 1000}});
    expect((await admin(sim, 'GET', 'config')).json).toEqual(sim.config());

    const badRate = await admin(sim, 'POST', 'config', {throttleRate: 2});
    expect(badRate).toEqual({status: 400, json: {error: 'throttleRate must be between 0 and 1, got 2'}});
    expect((await admin(sim, 'POST', 'config', {speed: 1})).status).toBe(400);
    expect((await admin(sim, 'POST', 'config', {latencyMs: '5'})).status).toBe(400);
    expect(sim.config()).toEqual({latencyMs: 5, throttleRate: 0.5, faultAtCall: 2, kubernetes: {nodeBootDelayMs: 1000}});

    expect((await admin(sim, 'POST', 'reset')).status).toBe(204);
    expect(sim.resources()).toEqual([]);
    expect(sim.requests()).toEqual([]);
    expect(sim.config()).toEqual({latencyMs: 0, throttleRate: 0, faultAtCall: 0, kubernetes: {nodeBootDelayMs: 1000}});
  });

  it('names the admin routes when asked for an unknown one', async () => {
    const sim = await start();
    const response = await admin(sim, 'GET', 'nope');
    expect(response.status).toBe(404);
    expect(JSON.stringify(response.json)).toContain('/_sim/resources');
  });
});

describe('controls', () => {
  it('delays every call by latencyMs', async () => {
    const sim = await start({config: {latencyMs: 150}});
    const s3 = s3Client(sim);
    const started = performance.now();
    await s3.send(new ListBucketsCommand({}));
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    sim.configure({latencyMs: 0});
    const quick = performance.now();
    await s3.send(new ListBucketsCommand({}));
    expect(performance.now() - quick).toBeLessThan(145);
    s3.destroy();
  });

  it('throttles about throttleRate of the calls with the cloud\'s own error, the same calls for the same seed', async () => {
    async function run(seed: number): Promise<number[]> {
      const sim = await start({seed, config: {throttleRate: 0.3}});
      const s3 = s3Client(sim);
      const statuses: number[] = [];
      for (let i = 0; i < 200; i += 1) {
        const error = await s3.send(new ListBucketsCommand({})).then(() => undefined, (e: Error) => e);
        if (error) expect(error.name).toBe('SlowDown');
        statuses.push(error ? 503 : 200);
      }
      s3.destroy();
      return statuses;
    }
    const first = await run(7);
    const throttled = first.filter((status) => status === 503).length;
    // 200 draws at p = 0.3: mean 60, standard deviation 6.5.
    expect(throttled).toBeGreaterThan(35);
    expect(throttled).toBeLessThan(85);
    expect(await run(7)).toEqual(first);
    expect(await run(8)).not.toEqual(first);
  });

  it('throttles GCS with 429 rateLimitExceeded', async () => {
    const sim = await start({config: {throttleRate: 1}});
    const error = await rejectionOf(gcsClient(sim).getBuckets());
    expect(error.code).toBe(429);
    expect(JSON.stringify(error.errors)).toContain('rateLimitExceeded');
  });

  it('fails the N-th mutating call once with the cloud\'s fault, counting from when it was set', async () => {
    const sim = await start();
    const s3 = s3Client(sim);
    await s3.send(new CreateBucketCommand({Bucket: 'aws-state'}));
    sim.configure({faultAtCall: 3});
    const puts: string[] = [];
    for (let i = 1; i <= 4; i += 1) {
      // Reads in between do not count.
      await s3.send(new ListBucketsCommand({}));
      const error = await s3.send(new PutObjectCommand({Bucket: 'aws-state', Key: `k${i}`, Body: 'v'})).then(() => undefined, (e: Error) => e);
      puts.push(error?.name ?? 'ok');
    }
    expect(puts).toEqual(['ok', 'ok', 'InternalError', 'ok']);
    expect(sim.requests().filter((entry) => entry.status === 500)).toEqual([{service: 's3', action: 'PutObject', status: 500}]);
    expect(sim.config().faultAtCall).toBe(0);
    s3.destroy();
  });

  it('answers an injected GCS fault with 500 backendError, once', async () => {
    const sim = await start({config: {faultAtCall: 1}});
    const gcs = gcsClient(sim);
    const error = await rejectionOf(gcs.createBucket('gce-state'));
    expect(error.code).toBe(500);
    expect(JSON.stringify(error.errors)).toContain('backendError');
    await gcs.createBucket('gce-state');
    expect(sim.requests().map((entry) => entry.status)).toEqual([500, 200]);
  });
});
