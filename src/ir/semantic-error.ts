import type { Loc } from '../lang/ast';
import { excerpt } from '../lang/excerpt';
import { KestrelError } from '../model/errors';

/** A compile-time error at a place in the huntflow, with its caret excerpt. */
export function semanticError(
  code: string,
  message: string,
  at: { file: string; source: string; loc: Loc },
  hint?: string,
): KestrelError {
  return new KestrelError(code, message, {
    file: at.file,
    line: at.loc.line,
    column: at.loc.column,
    excerpt: excerpt(at.source, at.loc.line, at.loc.column),
    hint,
  });
}
