import yaml from 'js-yaml';
import type {HostFile} from './host-files.js';

/** The parts of a cloud-config document kopsx uses. */
export interface CloudConfig {
  /** Shell run early on every boot. */
  readonly bootcmd: readonly string[];
  /** Written before `runcmd`, with their permissions from the start. */
  readonly files: readonly HostFile[];
  /** Commands run once per machine, late in the first boot, when the network is up. */
  readonly runcmd: readonly (readonly string[])[];
  /** Apply pending package updates at first boot. */
  readonly upgradePackages: boolean;
}

/** The `#cloud-config` document. Key order is fixed, so equal inputs give equal bytes. */
export function renderCloudConfig(config: CloudConfig): string {
  const document = {
    ...(config.bootcmd.length > 0 ? {bootcmd: config.bootcmd} : {}),
    ...(config.files.length > 0
      ? {write_files: config.files.map((f) => ({path: f.path, owner: 'root:root', permissions: f.permissions, content: f.content}))}
      : {}),
    ...(config.runcmd.length > 0 ? {runcmd: config.runcmd} : {}),
    // SSH with keys only, never as root.
    ssh_pwauth: false,
    disable_root: true,
    ...(config.upgradePackages ? {package_update: true, package_upgrade: true} : {}),
  };
  return `#cloud-config\n${yaml.dump(document, {noArrayIndent: true, lineWidth: -1, noRefs: true})}`;
}
