/**
 * Writes AWS response XML from plain values. An object is a sequence of child elements; an array value
 * repeats its element (`{item: [a, b]}` gives `<item>a</item><item>b</item>`); undefined and null are left
 * out; dates are written as ISO-8601, as AWS does.
 */
export type XmlValue = string | number | boolean | Date | undefined | null | XmlFields | readonly XmlValue[];

export interface XmlFields {
  readonly [element: string]: XmlValue;
}

export function xmlDocument(root: string, content: XmlValue, xmlns?: string): string {
  const attributes = xmlns ? ` xmlns="${escapeXml(xmlns)}"` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${attributes}>${xmlContent(content)}</${root}>`;
}

function xmlElement(name: string, value: XmlValue): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((entry: XmlValue) => xmlElement(name, entry)).join('');
  const content = xmlContent(value);
  return content === '' ? `<${name}/>` : `<${name}>${content}</${name}>`;
}

function xmlContent(value: XmlValue): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return escapeXml(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((entry: XmlValue) => xmlContent(entry)).join('');
  return Object.entries(value as XmlFields).map(([name, child]) => xmlElement(name, child)).join('');
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&${ENTITIES[char]};`);
}

const ENTITIES: Record<string, string> = {'&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos'};

/** EC2 wraps every list in `<item>` elements. */
export function items(values: readonly XmlValue[]): XmlFields {
  return {item: values};
}

/** The other query services wrap lists in `<member>` elements. */
export function members(values: readonly XmlValue[]): XmlFields {
  return {member: values};
}
