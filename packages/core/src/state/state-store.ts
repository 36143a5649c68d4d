/**
 * A state store holds cluster specs, keys and secrets under keys like `<cluster>/config`. Every backend
 * (file://, memfs://, s3://, gs://, and schemes added by provider plugins) implements this interface.
 * Keys are `/`-separated and relative to the store's root (the URL's path or prefix).
 */
export interface WriteOptions {
  /** The file holds secret material: 0600 on file://, server-side encrypted where the backend can. */
  readonly secret?: boolean;
}

/** An object's bytes together with the version they were read at. */
export interface VersionedObject {
  readonly data: Buffer;
  /**
   * Opaque token that changes whenever the object is rewritten: the ETag on s3://, the generation on gs://.
   * Only meaningful to `deleteIfVersion` of the same store.
   */
  readonly version: string;
}

export interface StateStore {
  /** The store's URL as the user gave it, normalised (e.g. `s3://bucket/prefix`). */
  readonly url: string;
  /** The object's bytes, or undefined when it does not exist. */
  read(key: string): Promise<Buffer | undefined>;
  /** Like `read`, with the object's current version; used by locking to delete only what it created. */
  readWithVersion(key: string): Promise<VersionedObject | undefined>;
  /** Write the whole object atomically: a reader sees the old or the new content, never a part. */
  write(key: string, data: Buffer | string, options?: WriteOptions): Promise<void>;
  /**
   * Create the object only if it does not exist yet (exclusive create / If-None-Match: * /
   * ifGenerationMatch: 0). Returns false, writing nothing, when it already exists.
   */
  createIfAbsent(key: string, data: Buffer | string, options?: WriteOptions): Promise<boolean>;
  /** Remove one object; removing a missing object is not an error. */
  delete(key: string): Promise<void>;
  /**
   * Remove the object only while it still has `version` (If-Match on s3://, ifGenerationMatch on gs://).
   * Returns false, removing nothing, when it was rewritten or is already gone.
   */
  deleteIfVersion(key: string, version: string): Promise<boolean>;
  /** Every key below `prefix` (recursive), sorted. `list('')` lists the whole store. */
  list(prefix: string): Promise<string[]>;
}

/** Opens a store for a URL of one scheme. Plugins may register more schemes. */
export type StateStoreFactory = (url: URL, env: NodeJS.ProcessEnv) => Promise<StateStore>;
