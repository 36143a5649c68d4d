import {invalid} from './gcs-error.js';

/** The object fields an upload may carry in its JSON metadata. */
export interface UploadMetadata {
  readonly name?: string;
  readonly contentType?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

export function parseUploadMetadata(json: Buffer): UploadMetadata {
  const text = json.toString('utf8').trim();
  if (text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid('The object metadata is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('The object metadata must be a JSON object.');
  const {name, contentType, metadata} = value as Record<string, unknown>;
  return {
    ...(typeof name === 'string' ? {name} : {}),
    ...(typeof contentType === 'string' ? {contentType} : {}),
    ...(isPlainObject(metadata) ? {metadata: stringValues(metadata)} : {}),
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Custom metadata values are strings in GCS; null removes a key, so it is dropped. */
function stringValues(record: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== null && value !== undefined).map(([key, value]) => [key, String(value)]),
  );
}
