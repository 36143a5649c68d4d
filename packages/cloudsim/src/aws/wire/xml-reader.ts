import {AwsError} from './aws-error.js';

/**
 * A minimal XML reader for the small request documents Route53 receives: elements, text and the standard
 * entities. Attributes, comments, processing instructions and namespaces are skipped, as no request needs them.
 */
export class XmlNode {
  readonly name: string;
  readonly children: XmlNode[] = [];
  text = '';

  constructor(name: string) {
    this.name = name;
  }

  child(name: string): XmlNode | undefined {
    return this.children.find((node) => node.name === name);
  }

  all(name: string): XmlNode[] {
    return this.children.filter((node) => node.name === name);
  }

  /** The text of the child element `name`, or undefined when there is none. */
  value(name: string): string | undefined {
    return this.child(name)?.text;
  }
}

const TOKEN = /<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<\/([\w:.-]+)\s*>|<([\w:.-]+)((?:\s+[^>]*?)?)(\/?)>|([^<]+)/g;

export function parseXml(source: string): XmlNode {
  const document = new XmlNode('#document');
  const stack: XmlNode[] = [document];
  for (const match of source.matchAll(TOKEN)) {
    const [, cdata, closing, opening, , selfClosing, text] = match;
    const current = stack[stack.length - 1] ?? document;
    if (opening !== undefined) {
      const node = new XmlNode(localName(opening));
      current.children.push(node);
      if (!selfClosing) stack.push(node);
    } else if (closing !== undefined) {
      if (current.name !== localName(closing) || stack.length === 1) throw malformed(`unexpected </${closing}>`);
      stack.pop();
    } else if (cdata !== undefined) {
      current.text += cdata;
    } else if (text !== undefined) {
      current.text += decodeEntities(text);
    }
  }
  const root = document.children[0];
  if (stack.length !== 1 || !root) throw malformed('the document is incomplete');
  for (const node of walk(root)) node.text = node.children.length > 0 ? node.text.trim() : node.text;
  return root;
}

function* walk(node: XmlNode): Generator<XmlNode> {
  yield node;
  for (const child of node.children) yield* walk(child);
}

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'"}[entity] ?? '';
  });
}

function malformed(detail: string): AwsError {
  return new AwsError('MalformedXML', `The XML you provided was not well-formed: ${detail}`);
}
