import {KopsxError} from '../errors.js';

/** Where a Kubernetes release's packages come from, and how to pin them. */
export interface KubernetesRelease {
  /** `v1.35.7`, as kubeadm's `kubernetesVersion` takes it. */
  readonly version: string;
  /** `v1.35`: pkgs.k8s.io keeps one apt repository per minor release. */
  readonly minor: string;
  /** `https://pkgs.k8s.io/core:/stable:/v1.35/deb/` */
  readonly aptRepository: string;
  /** `1.35.7-*`: apt's prefix match over the package revisions of that release (`1.35.7-1.1`). */
  readonly aptVersion: string;
}

const VERSION = /^v?(\d+)\.(\d+)\.(\d+)$/;

/** Reads `spec.kubernetesVersion`. Throws for anything but a released `[v]MAJOR.MINOR.PATCH`. */
export function kubernetesRelease(kubernetesVersion: string): KubernetesRelease {
  const match = VERSION.exec(kubernetesVersion);
  if (!match) {
    throw new KopsxError(
      `kubernetesVersion "${kubernetesVersion}" is not a released version like v1.35.7`,
      'InvalidKubernetesVersion',
      'set spec.kubernetesVersion to a full release version (major.minor.patch); pre-releases are not installable from the stable package repository',
    );
  }
  const [, major, minor, patch] = match;
  const minorVersion = `v${major}.${minor}`;
  return {
    version: `v${major}.${minor}.${patch}`,
    minor: minorVersion,
    aptRepository: `https://pkgs.k8s.io/core:/stable:/${minorVersion}/deb/`,
    aptVersion: `${major}.${minor}.${patch}-*`,
  };
}
