/**
 * How an instance group names its image: an AMI ID (`ami-0abc...`) or `<owner>/<name pattern>`, where the owner
 * is an account ID or alias (`099720109477`, `amazon`) and the pattern may use `*`; the newest match wins.
 */
import {ValidationError} from '@kopsx/core';

export type ImageReference = {readonly imageId: string} | {readonly owner: string; readonly namePattern: string};

export function parseImageReference(reference: string): ImageReference {
  if (/^ami-[0-9a-f]+$/.test(reference)) return {imageId: reference};
  const slash = reference.indexOf('/');
  if (slash > 0 && slash < reference.length - 1) {
    return {owner: reference.slice(0, slash), namePattern: reference.slice(slash + 1)};
  }
  throw new ValidationError([
    {
      path: 'spec.image',
      message: `"${reference}" is neither an AMI ID nor <owner>/<name pattern>`,
      hint: 'e.g. ami-0123456789abcdef0 or 099720109477/ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*',
    },
  ]);
}
