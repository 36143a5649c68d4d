import {Flags} from '@oclif/core';

/** Flags several commands declare the same way, so `--help` reads the same everywhere. */
export const sharedFlags = {
  forceUnlock: Flags.boolean({
    description: 'Remove a lock left by another kopsx process first (only when you are sure it is gone).',
  }),
  yes: Flags.boolean({
    char: 'y',
    description: 'Really do it; without --yes the command only says what it would do.',
  }),
  unregister: Flags.boolean({
    description: 'Remove the cluster from the state store only, leaving its cloud resources as they are.',
  }),
  filename: Flags.string({
    char: 'f',
    description: 'Manifest file with Cluster and InstanceGroup documents (YAML or JSON, several per file); - reads stdin.',
    required: true,
  }),
  output: Flags.option({
    char: 'o',
    description: 'Output format: a table, or a manifest in YAML or JSON.',
    options: ['table', 'yaml', 'json'] as const,
    default: 'table' as const,
  })(),
};
