import {KopsxError} from '../errors.js';
import {shellQuote} from './shell-quote.js';
import type {EtcdVolume} from './user-data-options.js';

export const DEFAULT_ETCD_MOUNT = '/mnt/etcd';

/**
 * etcd's data directory on the volume. A subdirectory, because a fresh filesystem's `lost+found` would fail
 * kubeadm's check that the data directory is empty.
 */
export function etcdDataDir(volume: EtcdVolume): string {
  return `${mountPathOf(volume)}/data`;
}

/**
 * Bash that waits up to ten minutes for the volume (clouds attach it while the machine boots), puts a
 * filesystem on it only if it has none (a volume that outlived its machine keeps its data), and mounts it by
 * UUID so a reboot finds it again whatever the device is called then.
 */
export function mountEtcdVolume(volume: EtcdVolume): string[] {
  // Checked to hold no character the shell treats specially, so it is used as is, also inside double quotes.
  const mountPath = mountPathOf(volume);
  const find = 'device' in volume ? `device=${shellQuote(volume.device)}` : `device=$(${volume.discoverCommand})`;
  return [
    'attempt=1',
    `until ${find} && [ -b "$device" ]; do`,
    '  if [ "$attempt" -ge 120 ]; then echo "kopsx: the etcd volume did not appear within 10 minutes" >&2; exit 1; fi',
    '  attempt=$((attempt + 1))',
    '  sleep 5',
    'done',
    'if ! blkid "$device" >/dev/null; then mkfs.ext4 -q -L etcd "$device"; fi',
    `install -d -m 0700 ${mountPath}`,
    `echo "UUID=$(blkid -s UUID -o value "$device") ${mountPath} ext4 defaults,nofail 0 2" >>/etc/fstab`,
    `mount ${mountPath}`,
  ];
}

function mountPathOf(volume: EtcdVolume): string {
  const path = volume.mountPath ?? DEFAULT_ETCD_MOUNT;
  if (!/^(\/[A-Za-z0-9._-]+)+$/.test(path)) {
    throw new KopsxError(
      `etcd volume mount path "${path}" is not a plain absolute path`,
      'InvalidEtcdVolume',
      'use letters, digits, ".", "_" and "-" between slashes, e.g. /mnt/etcd',
    );
  }
  return path;
}
