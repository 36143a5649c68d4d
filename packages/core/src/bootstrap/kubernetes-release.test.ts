import {describe, expect, it} from 'vitest';
import {kubernetesRelease} from './kubernetes-release.js';

describe('kubernetesRelease', () => {
  it('points at the repository of the minor release and pins the exact patch', () => {
    expect(kubernetesRelease('v1.35.7')).toEqual({
      version: 'v1.35.7',
      minor: 'v1.35',
      aptRepository: 'https://pkgs.k8s.io/core:/stable:/v1.35/deb/',
      aptVersion: '1.35.7-*',
    });
    expect(kubernetesRelease('1.33.10').aptRepository).toBe('https://pkgs.k8s.io/core:/stable:/v1.33/deb/');
  });

  it.each(['v1.35', 'latest', 'v1.36.0-rc.1', 'v1.35.7; rm -rf /'])('refuses "%s"', (version) => {
    expect(() => kubernetesRelease(version)).toThrow(expect.objectContaining({code: 'InvalidKubernetesVersion'}));
  });
});
