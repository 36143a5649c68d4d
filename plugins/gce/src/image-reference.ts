/**
 * How an instance group names its image: `<project>/<image family>` (the family's newest build when an instance
 * is created, e.g. `ubuntu-os-cloud/ubuntu-2404-lts-amd64`), `<project>/<image>` for a fixed build (Google's
 * public images end in a build date: `ubuntu-2404-noble-amd64-v20250117`), or a link `projects/...`.
 */
import {ValidationError} from '@kopsx/core';

/** A build date suffix: `-v20250117`, optionally followed by more digits or letters (`-v20250117a`). */
const BUILD = /-v\d{8}[a-z0-9]*$/;

/** The partial link of the image as Compute takes it in `sourceImage`. */
export function sourceImageOf(reference: string): string {
  if (/^projects\/[^/]+\/global\/images\/.+/.test(reference)) return reference;
  const match = /^([a-z][-a-z0-9.:]*[a-z0-9])\/([a-z](?:[-a-z0-9]*[a-z0-9])?)$/.exec(reference);
  if (!match) {
    throw new ValidationError([
      {
        path: 'spec.image',
        message: `"${reference}" is not <project>/<image family>, <project>/<image> or projects/<project>/global/images/...`,
        hint: 'e.g. ubuntu-os-cloud/ubuntu-2404-lts-amd64',
      },
    ]);
  }
  const [, project, name = ''] = match;
  return BUILD.test(name) ? `projects/${project}/global/images/${name}` : `projects/${project}/global/images/family/${name}`;
}
