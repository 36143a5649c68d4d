/**
 * The suite against a provider of a toy cloud on 127.0.0.1: as written it passes every check; each mistake
 * a provider can make fails the check meant to catch it, with a message saying what went wrong.
 */
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {describeConformance, formatConformanceReport, runConformance} from '../src/index.js';
import type {CheckResult, ConformanceReport} from '../src/index.js';
import {ToyCloud} from './support/toy-cloud.js';
import {toyHooks} from './support/toy-hooks.js';
import {toyProvider} from './support/toy-provider.js';
import type {ToyFlaw} from './support/toy-provider.js';

const ZONES = ['toy-1a', 'toy-1b'];

// describeConformance registers its tests while the file is collected, so the cloud starts first.
const sharedCloud = await new ToyCloud().start();
afterAll(() => sharedCloud.close());

describeConformance({provider: toyProvider(), env: {TOY_ENDPOINT: sharedCloud.endpoint}, zones: ZONES, hooks: toyHooks(sharedCloud)});

describe('runConformance', () => {
  const clouds: ToyCloud[] = [];
  afterEach(async () => {
    await Promise.all(clouds.splice(0).map((cloud) => cloud.close()));
  });

  async function run(options: {flaws?: ToyFlaw[]; instanceGroups?: boolean} = {}): Promise<{report: ConformanceReport; cloud: ToyCloud}> {
    const cloud = await new ToyCloud().start();
    clouds.push(cloud);
    const report = await runConformance({
      provider: toyProvider(options),
      env: {TOY_ENDPOINT: cloud.endpoint},
      zones: ZONES,
      hooks: toyHooks(cloud),
      // A flawed provider's retries ("still in use") would otherwise go on for the default 30 s.
      retry: {baseDelayMs: 5, maxDelayMs: 50, deadlineMs: 1_000},
    });
    return {report, cloud};
  }

  const statuses = (report: ConformanceReport) => Object.fromEntries(report.results.map((r) => [r.id, r.status]));
  const result = (report: ConformanceReport, id: string): CheckResult | undefined => report.results.find((r) => r.id === id);

  it('passes a correct provider, skipping the instance check for one without instanceGroups, and prints a table', async () => {
    const {report, cloud} = await run({instanceGroups: false});
    expect(statuses(report)).toEqual({
      zones: 'pass',
      model: 'pass',
      preview: 'pass',
      apply: 'pass',
      idempotence: 'pass',
      scale: 'pass',
      'machine-type': 'skip',
      delete: 'pass',
      foreign: 'pass',
      fault: 'pass',
    });
    expect(report.passed).toBe(true);
    expect(result(report, 'machine-type')?.detail).toContain('no instanceGroups');
    expect(result(report, 'preview')?.detail).toBe('4 creates and nothing else, among 3 foreign resources; nothing written');
    expect(result(report, 'scale')?.detail).toBe('nodes-toy-1a 1 → 2: update group/nodes-toy-1a (size: 1 -> 2); converged');
    // Only the three seeded resources are left, as they were.
    expect(cloud.resources().map((r) => r.id).sort()).toEqual(['group-3', 'network-1', 'network-2']);
    expect(result(report, 'model')?.detail).toBe(
      '4 resources of 2 kinds (group, network); references resolve; pure; a handler for every owned kind; renders to Terraform',
    );

    const table = formatConformanceReport(report).split('\n');
    expect(table[0]).toBe('toy provider conformance: 9 passed, 0 failed, 1 skipped');
    expect(table[1]).toMatch(/^CHECK\s+RESULT\s+DETAIL$/);
    expect(table[2]).toMatch(/^zone validation\s+PASS\s+toy-1a, toy-1b accepted; kopsx-nowhere-9z refused: zones\[2\]: "kopsx-nowhere-9z" is not a toy zone$/);
    expect(table.find((line) => line.startsWith('change machine type'))).toMatch(/SKIP\s+the provider has no instanceGroups/);
  });

  it('fails zone validation when a made-up zone is accepted', async () => {
    const {report} = await run({flaws: ['accepts-any-zone']});
    expect(result(report, 'zones')).toMatchObject({status: 'fail', detail: 'the made-up zone "kopsx-nowhere-9z" was accepted'});
    expect(report.passed).toBe(false);
  });

  it('catches a provider that lists other clusters: the preview plans deletes and foreign resources are lost', async () => {
    const {report} = await run({flaws: ['lists-every-cluster']});
    expect(result(report, 'preview')?.status).toBe('fail');
    expect(result(report, 'preview')?.detail).toContain('a preview against an empty cloud plans more than creates: delete network/other.k8s.local');
    expect(result(report, 'foreign')).toMatchObject({status: 'fail', detail: expect.stringContaining('foreign resources were deleted: network network-1')});
  });

  it('catches properties that do not round-trip, and skips what builds on them', async () => {
    const {report} = await run({flaws: ['forgets-machine-type']});
    expect(result(report, 'idempotence')?.status).toBe('fail');
    expect(result(report, 'idempotence')?.detail).toContain('update group/control-plane-toy-1a (machineType: undefined -> "toy.large")');
    expect(result(report, 'scale')).toMatchObject({status: 'skip', detail: 'needs "preview after apply shows no change" to pass'});
    expect(result(report, 'machine-type')?.status).toBe('skip');
  });

  it('catches a delete that leaves resources behind', async () => {
    const {report} = await run({flaws: ['delete-does-nothing']});
    expect(result(report, 'delete')?.status).toBe('fail');
    expect(result(report, 'delete')?.detail).toMatch(
      /^deleting the cluster failed: .*network network-\d+ is in use.*; the cloud still holds network network-\d+, group group-\d+/,
    );
    expect(result(report, 'fault')).toMatchObject({status: 'skip', detail: 'needs "delete leaves nothing owned" to pass'});
  });

  it('reports how the faulted runs ended', async () => {
    const {report} = await run();
    expect(result(report, 'fault')?.detail).toMatch(
      /^call 1: the first run stopped \(0 done, 1 failed, 3 skipped\); call 2: the first run stopped \(3 done, 1 failed, 0 skipped\); each rerun/,
    );
  });
});
