/**
 * A state store holds cluster specs, keys and secrets under keys like `<cluster>/config`. Every backend
 * (file://, memfs://, s3://, gs://, and schemes added by provider plugins) implements this interface.
 * Keys are `/`-separated and relative to the store's root (the URL's path or prefix).
 */
export interface WriteOptions {
  /** The file holds secret material: 0600 on file://, server-side encrypted where the backend can. */
  readonly secret?: boolean;
}

export interface StateStore {
  /** The store's URL as the user gave it, normalised (e.g. `s3://bucket/prefix`). */
  readonly url: string;
  /** The object's bytes, or undefined when it does not exist. */
  read(key: string): Promise<Buffer | undefined>;
  /** Write the whole object atomically: a reader sees the old or the new content, never a part. */
  write(key: string, data: Buffer | string, options?: WriteOptions): Promise<void>;
  /**
   * Create the object only if it does not exist yet (exclusive create / If-None-Match: * /
   * ifGenerationMatch: 0). Returns false, writing nothing, when it already exists.
   */
  createIfAbsent(key: string, data: Buffer | string, options?: WriteOptions): Promise<boolean>;
  /** Remove one object; removing a missing object is not an error. */
  delete(key: string): Promise<void>;
  /** Every key below `prefix` (recursive), sorted. `list('')` lists the whole store. */
  list(prefix: string): Promise<string[]>;
}

/** Opens a store for a URL of one scheme. Plugins may register more schemes. */
export type StateStoreFactory = (url: URL, env: NodeJS.ProcessEnv) => Promise<StateStore>;
