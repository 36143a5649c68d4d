/**
 * Just enough XML for S3's few request and response shapes: building documents from nested elements and
 * reading the text of simple, non-nested elements (DeleteObjects and CreateBucket bodies).
 */
const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** An element's children: text, nested elements, or lists of them; undefined children are left out. */
export type XmlContent = string | number | boolean | XmlElement | undefined | readonly XmlContent[];

export interface XmlElement {
  readonly name: string;
  readonly content: XmlContent;
}

export function el(name: string, ...content: XmlContent[]): XmlElement {
  return {name, content};
}

/** A whole S3 response document: XML declaration plus the root element in S3's namespace. */
export function xmlDocument(root: string, ...content: XmlContent[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${S3_NAMESPACE}">${render(content)}</${root}>`;
}

/** A document whose root carries no namespace (S3 error bodies look like this). */
export function xmlPlainDocument(root: string, ...content: XmlContent[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}>${render(content)}</${root}>`;
}

function render(content: XmlContent): string {
  if (content === undefined) return '';
  if (Array.isArray(content)) return content.map(render).join('');
  if (typeof content === 'object' && 'name' in content) {
    return `<${content.name}>${render(content.content)}</${content.name}>`;
  }
  return escapeXml(String(content));
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&${ENTITY_NAMES[ch]};`);
}

const ENTITY_NAMES: Record<string, string> = {'&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos'};
const ENTITY_CHARS: Record<string, string> = {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'"};

export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    return ENTITY_CHARS[entity] ?? '';
  });
}

/** The raw inner XML of every `<tag>...</tag>` in `xml` (tags may carry attributes; no nesting of `tag` itself). */
export function xmlBlocks(xml: string, tag: string): string[] {
  const pattern = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g');
  return [...xml.matchAll(pattern)].map((match) => match[1] ?? '');
}

/** The unescaped text of the first `<tag>` in `xml`, or undefined when absent. */
export function xmlText(xml: string, tag: string): string | undefined {
  const [block] = xmlBlocks(xml, tag);
  return block === undefined ? undefined : unescapeXml(block);
}
