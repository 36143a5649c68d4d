import type {GcsBucket, GcsObject} from './gcs-store.js';

/** The JSON the API returns for objects and buckets; numbers that may exceed 2^53 are strings, as in GCS. */
export function objectResource(object: GcsObject, origin: string): Record<string, unknown> {
  const path = `b/${encodeURIComponent(object.bucket)}/o/${encodeURIComponent(object.name)}`;
  const time = object.created.toISOString();
  return {
    kind: 'storage#object',
    id: `${object.bucket}/${object.name}/${object.generation}`,
    selfLink: `${origin}/storage/v1/${path}`,
    mediaLink: `${origin}/download/storage/v1/${path}?generation=${object.generation}&alt=media`,
    name: object.name,
    bucket: object.bucket,
    generation: String(object.generation),
    metageneration: String(object.metageneration),
    contentType: object.contentType,
    storageClass: 'STANDARD',
    size: String(object.data.length),
    md5Hash: object.md5Hash,
    crc32c: object.crc32c,
    etag: objectEtag(object),
    timeCreated: time,
    updated: time,
    timeStorageClassUpdated: time,
    ...(Object.keys(object.metadata).length > 0 ? {metadata: object.metadata} : {}),
  };
}

export function bucketResource(bucket: GcsBucket, origin: string): Record<string, unknown> {
  const time = bucket.created.toISOString();
  return {
    kind: 'storage#bucket',
    id: bucket.name,
    selfLink: `${origin}/storage/v1/b/${encodeURIComponent(bucket.name)}`,
    projectNumber: '123456789012',
    name: bucket.name,
    timeCreated: time,
    updated: time,
    metageneration: '1',
    location: bucket.location,
    locationType: bucket.location.includes('-') ? 'region' : 'multi-region',
    storageClass: bucket.storageClass,
    etag: 'CAE=',
    ...(Object.keys(bucket.labels).length > 0 ? {labels: bucket.labels} : {}),
  };
}

/** GCS ETags change with the generation; the base64 generation is close enough to the real encoding. */
export function objectEtag(object: GcsObject): string {
  return Buffer.from(String(object.generation)).toString('base64');
}
