/**
 * What makes a document not well-formed XML 1.0, for the exporters' tests (no XML parser is installed):
 * characters XML forbids, markup or `&` in text and attribute values that is not an entity, tags that do
 * not nest, attributes twice, and anything but one root element. Enough to catch an escaping bug; not a parser.
 */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const forbidden = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.exec(xml);
  if (forbidden) problems.push(`forbidden character U+${forbidden[0].charCodeAt(0).toString(16)} at ${forbidden.index}`);
  const badEntity = (s: string) => /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(s);
  const stack: string[] = [];
  let roots = 0;
  let i = xml.startsWith('<?xml') ? xml.indexOf('?>') + 2 : 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (badEntity(text)) problems.push(`raw & in text at ${i}`);
    if (text.includes(']]>')) problems.push(`]]> in text at ${i}`);
    if (!stack.length && text.trim()) problems.push(`text outside the root element at ${i}`);
    if (lt < 0) break;
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0 || xml.slice(lt + 4, end).includes('--')) problems.push(`bad comment at ${lt}`);
      i = end < 0 ? xml.length : end + 3;
      continue;
    }
    const close = /<\/([A-Za-z_][\w.:-]*)\s*>/y;
    close.lastIndex = lt;
    const c = close.exec(xml);
    if (c) {
      if (stack.pop() !== c[1]) problems.push(`</${c[1]}> closes nothing open at ${lt}`);
      i = close.lastIndex;
      continue;
    }
    const open = /<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/y;
    open.lastIndex = lt;
    const o = open.exec(xml);
    if (!o) {
      problems.push(`not a tag at ${lt}: ${JSON.stringify(xml.slice(lt, lt + 40))}`);
      break;
    }
    const names = [...o[2].matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*("[^"]*"|'[^']*')/g)].map((a) => {
      if (badEntity(a[2])) problems.push(`raw & in attribute ${a[1]} at ${lt}`);
      return a[1];
    });
    if (new Set(names).size !== names.length) problems.push(`an attribute twice at ${lt}`);
    if (!stack.length) roots++;
    if (!o[3]) stack.push(o[1]);
    i = open.lastIndex;
  }
  if (stack.length) problems.push(`unclosed: ${stack.join(', ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}
