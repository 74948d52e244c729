/**
 * Labels and relationship types cannot be query parameters, so they are built here and nowhere else: a name
 * made only of the characters STIX uses (lowercase letters, digits, '-' for types, '_' for refs) is used as
 * it is, in backticks; anything else is spelt in hex behind an uppercase prefix, which no plain name can
 * start with. Backticks or escapes from the data therefore never reach query text.
 */
const PLAIN_TYPE = /^[a-z][a-z0-9-]*$/;
const PLAIN_EDGE = /^[a-z][a-z0-9_]*$/;

function hex(name: string): string {
  return Buffer.from(name, 'utf8').toString('hex').toUpperCase();
}

/** The label of entities of a type (`process` → :`process`, `network-traffic` → :`network-traffic`). */
export function typeLabel(type: string): string {
  return `\`${PLAIN_TYPE.test(type) ? type : `T_${hex(type)}`}\``;
}

/** The relationship type of an edge name (`parent_ref` → :`parent_ref`). */
export function edgeType(edge: string): string {
  return `\`${PLAIN_EDGE.test(edge) ? edge : `R_${hex(edge)}`}\``;
}

/** The edge name a relationship type stands for (the inverse of `edgeType`, without backticks). */
export function edgeName(relationshipType: string): string {
  return relationshipType.startsWith('R_') ? Buffer.from(relationshipType.slice(2), 'hex').toString('utf8') : relationshipType;
}
