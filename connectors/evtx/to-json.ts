import type { XElement, XNode, XValue } from './binxml';

type Json = XValue | Json[] | { [key: string]: Json };

/**
 * An event's XML tree as evtx_dump writes it as JSON: an element with only text is its value (typed: numbers
 * stay numbers), attributes go under `#attributes` and text beside them under `#text`, an empty element is
 * null, `<Data Name="X">v</Data>` is `"X": v`, and text loses trailing white space (as evtx_dump's does). A name met twice in one element gets `_1`, `_2`, ….
 */
export function eventJson(nodes: readonly XNode[]): Record<string, Json> {
  const root = elements(nodes)[0];
  if (!root) return {};
  return { [root.name]: elementJson(root) };
}

function elementJson(e: XElement): Json {
  const attrs = attributes(e);
  const children = flatten(e.children);
  const kids = children.filter((c): c is XElement => c.kind === 'element');
  const text = textOf(children);
  if (!kids.length) {
    if (!attrs) return text;
    return text === null ? { '#attributes': attrs } : { '#attributes': attrs, '#text': text };
  }
  const out: Record<string, Json> = {};
  if (attrs) out['#attributes'] = attrs;
  const unnamed: Json[] = [];
  for (const k of kids) {
    const dataName = k.name === 'Data' ? k.attrs.find((a) => a.name === 'Name') : undefined;
    if (k.name === 'Data' && !dataName) {
      unnamed.push(textOf(flatten(k.children)));
      continue;
    }
    const key = dataName ? String(textOf(flatten(dataName.value)) ?? '') : k.name;
    const value = dataName ? textOf(flatten(k.children)) : elementJson(k);
    let name = key;
    for (let i = 1; Object.hasOwn(out, name); i++) name = `${key}_${i}`;
    out[name] = value;
  }
  if (unnamed.length) out.Data = unnamed.length === 1 ? unnamed[0] : { '#text': unnamed };
  if (text !== null) out['#text'] = text;
  return out;
}

function attributes(e: XElement): Record<string, Json> | undefined {
  if (!e.attrs.length) return undefined;
  const out: Record<string, Json> = {};
  for (const a of e.attrs) out[a.name] = textOf(flatten(a.value));
  return out;
}

/** Substituted node lists spliced in place. */
function flatten(nodes: readonly XNode[]): XNode[] {
  return nodes.flatMap((n) => (n.kind === 'nodes' ? flatten(n.nodes) : [n]));
}

function elements(nodes: readonly XNode[]): XElement[] {
  return flatten(nodes).filter((n): n is XElement => n.kind === 'element');
}

/** The text of value nodes: one value keeps its type, several are joined as a string; none is null. */
function textOf(nodes: readonly XNode[]): XValue {
  const values = nodes.flatMap((n) => (n.kind === 'value' && n.value !== null ? [n.value] : []));
  if (!values.length) return null;
  if (values.length === 1) return typeof values[0] === 'string' ? values[0].trimEnd() : values[0];
  return values.map((v) => (Array.isArray(v) ? v.join(',') : String(v))).join('').trimEnd();
}
