import type { Huntflow } from '../../src/lang/ast';
import type { Diagnostic } from '../../src/lang/diagnostic';
import { parse } from '../../src/lang/parse';

export function parseOk(source: string): Huntflow {
  const result = parse(source);
  if (!result.ok) throw new Error(`${result.diagnostic.message}\n${result.diagnostic.excerpt}`);
  return result.huntflow;
}

export function parseError(source: string): Diagnostic {
  const result = parse(source);
  if (result.ok) throw new Error(`parsed: ${source}`);
  return result.diagnostic;
}

/** The single statement of `source`, without its locations. */
export function statementOf(source: string): unknown {
  const { statements } = parseOk(source);
  expect(statements).toHaveLength(1);
  return withoutLocs(statements[0]);
}

/** The WHERE of `GET process WHERE …`, without its locations. */
export function whereOf(pattern: string): unknown {
  return (statementOf(`GET process WHERE ${pattern}`) as { where: unknown }).where;
}

/** The value compared in `GET process WHERE a = …`, without its location. */
export function valueOf(value: string): unknown {
  return (whereOf(`a = ${value}`) as { value: unknown }).value;
}

export function withoutLocs(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, item) => (key === 'loc' || /Locs?$/.test(key) ? undefined : item)));
}
