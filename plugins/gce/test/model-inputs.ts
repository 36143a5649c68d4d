/**
 * ModelInputs for tests of the model alone: a short stand-in document per instance group that says what was
 * asked for, shaped as core shapes it (a join around the endpoint when the endpoint is a reference). Core's real
 * rendering from the keystore is used by the tests that apply clusters (see cluster-store.ts).
 */
import {isRef, join} from '@kopsx/core';
import type {ModelInputs, UserDataRequest} from '@kopsx/core';

export const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBvR0pdXlTjJL0aS4d4Vq0nB4X1xUIO7tn0Ir6g2fJqX admin@example';

export interface RecordingInputs extends ModelInputs {
  readonly requests: UserDataRequest[];
}

export function testInputs(options: {readonly sshPublicKey?: string} = {}): RecordingInputs {
  const requests: UserDataRequest[] = [];
  return {
    ...options,
    requests,
    userData(request) {
      requests.push(request);
      const head = `#cloud-config\n# instance group ${request.instanceGroup}, joining https://`;
      const tail = `:443\nbootcmd: ${JSON.stringify(request.preKubeadmCommands ?? [])}\n`;
      return isRef(request.apiEndpoint) ? join(head, request.apiEndpoint, tail) : `${head}${request.apiEndpoint}${tail}`;
    },
  };
}
