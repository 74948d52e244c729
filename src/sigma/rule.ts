/**
 * A Sigma rule as a typed tree: what the YAML says, checked, before any data source is involved
 * (pySigma's split: rule, then per-source mapping, then a backend that evaluates or translates it).
 */
export type SigmaScalar = string | number | boolean | null;

export interface SigmaLogsource {
  product?: string;
  category?: string;
  service?: string;
}

/** One `Field|mod|mod: value(s)` line of a selection; `field` is null for keywords. */
export interface FieldItem {
  field: string | null;
  modifiers: string[];
  values: SigmaScalar[];
}

/** A named search: alternatives (a list of maps, or keyword values) ORed; the items of one alternative ANDed. */
export interface Selection {
  name: string;
  alternatives: FieldItem[][];
}

export type Condition =
  | { kind: 'and' | 'or'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  | { kind: 'ref'; name: string }
  | { kind: 'of'; quantifier: '1' | 'all'; pattern: string; names: string[] };

export interface SigmaRule {
  id?: string;
  title: string;
  level?: string;
  status?: string;
  description?: string;
  author?: string;
  tags: string[];
  logsource: SigmaLogsource;
  selections: Map<string, Selection>;
  condition: Condition;
  /** The file the rule was read from, when it was. */
  file?: string;
}

const LEVELS = ['critical', 'high', 'medium', 'low', 'informational'];

/** Where a rule's level sorts: critical first, no or an unknown level last. */
export function levelRank(level: string | null | undefined): number {
  const i = LEVELS.indexOf(level ?? '');
  return i < 0 ? LEVELS.length : i;
}
