/** A provider's Terraform rendering of one resource, assembled by core into `kubernetes.tf.json`. */
export interface TerraformBlock {
  /** `resource` or `data`. */
  readonly block: 'resource' | 'data';
  /** Terraform type, e.g. the provider's network resource type. */
  readonly type: string;
  /** Terraform name (letters, digits, `_`, `-`). */
  readonly name: string;
  /** Arguments; references to other resources as `${type.name.attribute}` strings. */
  readonly body: Readonly<Record<string, unknown>>;
}
