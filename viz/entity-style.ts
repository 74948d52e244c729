/** How an entity type is drawn, alike in the view, DOT and Mermaid: a fill colour and a Cytoscape.js shape. */
export interface TypeStyle {
  color: string;
  shape: string;
}

const KNOWN: Readonly<Record<string, TypeStyle>> = {
  process: { color: '#4e79a7', shape: 'round-rectangle' },
  file: { color: '#59a14f', shape: 'rectangle' },
  directory: { color: '#8cd17d', shape: 'rectangle' },
  'network-traffic': { color: '#f28e2b', shape: 'diamond' },
  'ipv4-addr': { color: '#e15759', shape: 'ellipse' },
  'ipv6-addr': { color: '#e15759', shape: 'ellipse' },
  'mac-addr': { color: '#ff9da7', shape: 'ellipse' },
  'domain-name': { color: '#edc948', shape: 'hexagon' },
  url: { color: '#edc948', shape: 'vee' },
  'user-account': { color: '#b07aa1', shape: 'pentagon' },
  'windows-registry-key': { color: '#9c755f', shape: 'octagon' },
  'x-oca-event': { color: '#bab0ac', shape: 'tag' },
};
const OTHER_COLORS = ['#76b7b2', '#d37295', '#a0cbe8', '#ffbe7d', '#499894', '#86bcb6'];

/** The style of a type; a type not in the table gets a colour chosen by its name (the same in every output). */
export function typeStyle(type: string): TypeStyle {
  const known = KNOWN[type];
  if (known) return known;
  let h = 0;
  for (const c of type) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return { color: OTHER_COLORS[h % OTHER_COLORS.length], shape: 'ellipse' };
}

/** What a group of entities of a type is called, by the relation that hangs them from their parent when that matters. */
const NOUNS: Readonly<Record<string, string>> = {
  'file loaded': 'modules',
  file: 'files',
  directory: 'directories',
  'windows-registry-key': 'registry keys',
  'network-traffic': 'connections',
  'ipv4-addr': 'addresses',
  'ipv6-addr': 'addresses',
  'mac-addr': 'MAC addresses',
  'domain-name': 'domain names',
  url: 'URLs',
  'user-account': 'users',
  process: 'processes',
  'x-oca-event': 'events',
};

/** "115 modules loaded", "31 registry keys written": a folded group of `count` entities of a type, by its relation. */
export function groupName(count: number, type: string, relation: string): string {
  const noun = NOUNS[`${type} ${relation}`] ?? NOUNS[type] ?? type;
  return `${count} ${noun}${relation ? ` ${relation}` : ''}`;
}

/** The nouns, for the view's script (which names its groups as `groupName` does). */
export const GROUP_NOUNS = NOUNS;
