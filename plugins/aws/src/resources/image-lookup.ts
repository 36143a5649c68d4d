/** Turns an image reference into the AMI it names: the AMI itself, or the newest image matching owner and pattern. */
import {DescribeImagesCommand} from '@aws-sdk/client-ec2';
import type {EC2Client} from '@aws-sdk/client-ec2';
import {NotFoundError} from '@kopsx/core';
import type {HandlerContext} from '@kopsx/core';
import {parseImageReference} from '../image-reference.js';

export interface ResolvedImage {
  readonly imageId: string;
  /** The device the image boots from: the launch template's root volume must use it. */
  readonly rootDeviceName: string;
}

export async function lookupImage(ec2: EC2Client, ctx: HandlerContext, reference: string): Promise<ResolvedImage> {
  const image = parseImageReference(reference);
  const input =
    'imageId' in image
      ? {ImageIds: [image.imageId]}
      : {Owners: [image.owner], Filters: [{Name: 'name', Values: [image.namePattern]}, {Name: 'state', Values: ['available']}]};
  const out = await ec2.send(new DescribeImagesCommand(input), {abortSignal: ctx.signal});
  const newest = [...(out.Images ?? [])].sort((a, b) => (b.CreationDate ?? '').localeCompare(a.CreationDate ?? ''))[0];
  if (!newest?.ImageId || !newest.RootDeviceName) {
    throw new NotFoundError(`no image matches "${reference}" in this region`, 'check the image owner and name pattern, or give an AMI ID');
  }
  return {imageId: newest.ImageId, rootDeviceName: newest.RootDeviceName};
}
