import { cidrTest } from './cidr';
import type { EventView } from './event-view';
import type { FieldItem, SigmaScalar } from './rule';
import { hasWildcards, literal, parseSigmaString, patternTest, sigmaText, STAR, type Part } from './sigma-string';
import { unsupported } from './sigma-error';

export type EventTest = (ev: EventView) => boolean;

/** A string variant on its way through the modifiers: `binary` when its text is bytes (after wide/utf16). */
interface Variant {
  parts: Part[];
  binary: boolean;
}

const TRANSFORMS = new Set(['contains', 'startswith', 'endswith', 'base64', 'base64offset', 'wide', 'utf16le', 'utf16be', 'utf16', 'windash']);
const COMPARE = { lt: (a: number, b: number) => a < b, lte: (a: number, b: number) => a <= b, gt: (a: number, b: number) => a > b, gte: (a: number, b: number) => a >= b };
const WINDASH = ['-', '/', '\u2013', '\u2014', '\u2015'];
const MAX_VARIANTS = 1024;

/**
 * One `Field|modifiers: values` item to a test over an event, with `describe` for EXPLAIN. `field` is the
 * field the event view is asked for (already mapped for the target); null searches every value (keywords).
 */
export function compileItem(item: FieldItem, field: string | null, file?: string, mapField: (f: string) => string = (f) => f): { test: EventTest; text: string } {
  const mods = item.modifiers;
  const where = `${item.field ?? 'keywords'}${mods.map((m) => `|${m}`).join('')}`;
  for (const m of mods) {
    if (!TRANSFORMS.has(m) && !['all', 'cased', 'exists', 're', 'i', 'm', 's', 'cidr', 'fieldref', 'expand', 'lt', 'lte', 'gt', 'gte'].includes(m)) {
      throw unsupported(`modifier ${m}`, `${where}: no such modifier in the Sigma specification`, file);
    }
  }
  if (mods.includes('expand')) throw unsupported('modifier expand', `${where}: placeholders (%name%) need values from a processing pipeline, and kestrel-ts has none`, file);
  const all = mods.includes('all');
  const combine = (tests: ((v: unknown[]) => boolean)[]) => (all ? (vs: unknown[]) => tests.every((t) => t(vs)) : (vs: unknown[]) => tests.some((t) => t(vs)));
  const read = field === null ? (ev: EventView) => ev.leaves() : (ev: EventView) => flatValues(ev.get(field));
  const text = `${field ?? 'keywords'}${mods.map((m) => `|${m}`).join('')}: ${item.values.map((v) => JSON.stringify(v)).join(all ? ' and ' : ' or ')}`;

  if (mods.includes('exists')) {
    if (field === null || item.values.length !== 1 || typeof item.values[0] !== 'boolean') throw unsupported('modifier exists', `${where}: exists takes one field and true or false`, file);
    const want = item.values[0];
    return { test: (ev) => isPresent(ev.get(field)) === want, text };
  }
  for (const cmp of ['lt', 'lte', 'gt', 'gte'] as const) {
    if (!mods.includes(cmp)) continue;
    const bounds = item.values.map(Number);
    if (mods.length !== 1 || bounds.some((b) => Number.isNaN(b))) throw unsupported(`modifier ${cmp}`, `${where}: compares one field with numbers only`, file);
    const op = COMPARE[cmp];
    return { test: (ev) => combine(bounds.map((b) => (vs) => vs.some((v) => numeric(v, (n) => op(n, b)))))(read(ev)), text };
  }
  if (mods.includes('cidr')) {
    if (mods.some((m) => m !== 'cidr')) throw unsupported('modifier cidr', `${where}: cidr with other modifiers`, file);
    const tests = item.values.map((v) => {
      const t = typeof v === 'string' ? cidrTest(v) : undefined;
      if (!t) throw unsupported('modifier cidr', `${where}: ${JSON.stringify(v)} is no network`, file);
      return (vs: unknown[]) => vs.some((x) => typeof x === 'string' && t(x));
    });
    return { test: (ev) => combine(tests)(read(ev)), text };
  }
  if (mods.includes('re')) {
    const flags = mods.filter((m) => m === 'i' || m === 'm' || m === 's').join('');
    if (mods.some((m) => !['re', 'i', 'm', 's', 'all'].includes(m))) throw unsupported('modifier re', `${where}: re with ${mods.join('|')}`, file);
    const tests = item.values.map((v) => {
      const re = regexOf(String(v), flags, where, file);
      return (vs: unknown[]) => vs.some((x) => {
        const s = scalarText(x);
        return s !== undefined && re.test(s);
      });
    });
    return { test: (ev) => combine(tests)(read(ev)), text };
  }
  if (mods.some((m) => m === 'i' || m === 'm' || m === 's')) throw unsupported('modifier re', `${where}: regular-expression flags without re`, file);
  const cased = mods.includes('cased');

  if (mods.includes('fieldref')) {
    const position = mods.filter((m) => m !== 'fieldref' && m !== 'cased' && m !== 'all');
    if (position.length > 1 || (position.length === 1 && !['contains', 'startswith', 'endswith'].includes(position[0]))) {
      throw unsupported('modifier fieldref', `${where}: fieldref with ${position.join('|')}`, file);
    }
    const fold = (s: string) => (cased ? s : s.toLowerCase());
    const how = position[0];
    const tests = item.values.map((other) => {
      const otherField = mapField(String(other));
      return (vs: unknown[], ev: EventView) => {
        const refs = flatValues(ev.get(otherField)).map(scalarText).filter((s): s is string => s !== undefined).map(fold);
        return vs.some((x) => {
          const s = scalarText(x);
          if (s === undefined) return false;
          const f = fold(s);
          return refs.some((r) => (how === 'contains' ? f.includes(r) : how === 'startswith' ? f.startsWith(r) : how === 'endswith' ? f.endsWith(r) : f === r));
        });
      };
    });
    if (field === null) throw unsupported('modifier fieldref', 'fieldref needs a field', file);
    return { test: (ev) => (all ? tests.every((t) => t(read(ev), ev)) : tests.some((t) => t(read(ev), ev))), text };
  }

  const tests = item.values.map((value) => valueTest(value, item, field, cased, where, file));
  return { test: (ev) => combine(tests)(read(ev)), text };
}

/** The test for one value of an item: null, a number or a string through the string modifiers in order. */
function valueTest(value: SigmaScalar, item: FieldItem, field: string | null, cased: boolean, where: string, file?: string): (vs: unknown[]) => boolean {
  const transforms = item.modifiers.filter((m) => TRANSFORMS.has(m));
  if (value === null) {
    if (transforms.length || field === null) throw unsupported('null value', `${where}: null with modifiers or as a keyword`, file);
    return (vs) => vs.length === 0;
  }
  let variants: Variant[] = [{ parts: typeof value === 'string' ? parseSigmaString(value) : [String(value)], binary: false }];
  for (const m of transforms) variants = transform(variants, m, where, file);
  if (field === null && !transforms.some((m) => m === 'contains' || m === 'startswith' || m === 'endswith')) {
    variants = variants.map((v) => withStars(v, true, true));
  }
  const tests = variants.map((v) => patternTest(v.parts, cased));
  return (vs) => vs.some((x) => {
    const s = scalarText(x);
    return s !== undefined && tests.some((t) => t(s));
  });
}

function transform(variants: Variant[], modifier: string, where: string, file?: string): Variant[] {
  const out = variants.flatMap((v): Variant[] => {
    switch (modifier) {
      case 'contains':
        return [withStars(v, true, true)];
      case 'startswith':
        return [withStars(v, false, true)];
      case 'endswith':
        return [withStars(v, true, false)];
      case 'wide':
      case 'utf16le':
        return [{ parts: v.parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf16le').toString('latin1') : p)), binary: true }];
      case 'utf16be':
        return [{ parts: v.parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf16le').swap16().toString('latin1') : p)), binary: true }];
      case 'utf16':
        return [{ parts: ['\xff\xfe', ...v.parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf16le').toString('latin1') : p))], binary: true }];
      case 'base64':
        return [{ parts: [bytesOf(v, where, 'base64', file).toString('base64')], binary: false }];
      case 'base64offset':
        return base64Offsets(bytesOf(v, where, 'base64offset', file)).map((s) => ({ parts: [s], binary: false }));
      case 'windash':
        return windash(v);
      default:
        throw unsupported(`modifier ${modifier}`, where, file);
    }
  });
  if (out.length > MAX_VARIANTS) throw unsupported(`modifier ${modifier}`, `${where}: expands to ${out.length} variants`, file);
  return out;
}

function withStars(v: Variant, before: boolean, after: boolean): Variant {
  const parts = [...v.parts];
  if (before && parts[0] !== STAR) parts.unshift(STAR);
  if (after && parts[parts.length - 1] !== STAR) parts.push(STAR);
  return { ...v, parts };
}

function bytesOf(v: Variant, where: string, modifier: string, file?: string): Buffer {
  if (hasWildcards(v.parts)) throw unsupported(`modifier ${modifier}`, `${where}: a value with wildcards (${sigmaText(v.parts)}) cannot be encoded`, file);
  return Buffer.from(literal(v.parts), v.binary ? 'latin1' : 'utf8');
}

/** The three encodings of a value at byte offsets 0, 1 and 2 of a base64 stream, cut where they depend on neighbours (pySigma's offsets). */
function base64Offsets(bytes: Buffer): string[] {
  const starts = [0, 2, 3];
  const ends = [undefined, -3, -2];
  return [0, 1, 2].map((i) => Buffer.concat([Buffer.alloc(i, 0x20), bytes]).toString('base64').slice(starts[i], ends[(bytes.length + i) % 3]));
}

/** Every spelling of command-line flags with `-` or `/` (and the dashes Windows accepts) at the start of a word. */
function windash(v: Variant): Variant[] {
  let out: Part[][] = [[]];
  for (const p of v.parts) {
    if (typeof p !== 'string') {
      out = out.map((o) => [...o, p]);
      continue;
    }
    const pieces = p.split(/\B[-/]\b/);
    let texts = [pieces[0]];
    for (const piece of pieces.slice(1)) texts = texts.flatMap((t) => WINDASH.map((d) => t + d + piece));
    out = out.flatMap((o) => texts.map((t) => [...o, t]));
  }
  return out.map((parts) => ({ parts, binary: v.binary }));
}

/** Escapes PCRE reads one way and JavaScript (without the u flag) silently another: `\A` is a plain A there. */
const PCRE_ESCAPE = /(?<!\\)(?:\\\\)*\\([AZzGQEKhHRXpPN])/;
const POSIX_CLASS = /\[\[:\w+:\]\]|\[:\w+:\]/;

function regexOf(source: string, flags: string, where: string, file?: string): RegExp {
  let src = source;
  let f = flags;
  const inline = /^\(\?([ims]+)\)/.exec(src);
  if (inline) {
    src = src.slice(inline[0].length);
    f += inline[1];
  }
  src = src.replace(/\(\?P<([A-Za-z_]\w*)>/g, '(?<$1>');
  const foreign = PCRE_ESCAPE.exec(src) ?? POSIX_CLASS.exec(src);
  if (foreign) throw unsupported('modifier re', `${where}: ${JSON.stringify(foreign[0])} is PCRE syntax JavaScript reads differently`, file);
  try {
    return new RegExp(src, [...new Set(f)].join(''));
  } catch (e) {
    throw unsupported('modifier re', `${where}: ${(e as Error).message}`, file);
  }
}

function flatValues(raw: unknown): unknown[] {
  if (raw === undefined || raw === null) return [];
  return Array.isArray(raw) ? raw.flat(Infinity).filter((x) => x !== null && x !== undefined) : [raw];
}

function isPresent(raw: unknown): boolean {
  return raw !== undefined && raw !== null;
}

function scalarText(x: unknown): string | undefined {
  if (typeof x === 'string') return x;
  if (typeof x === 'number' || typeof x === 'boolean' || typeof x === 'bigint') return String(x);
  return undefined;
}

function numeric(x: unknown, test: (n: number) => boolean): boolean {
  if (typeof x === 'number') return test(x);
  if (typeof x !== 'string' || !x.trim()) return false;
  const n = Number(x);
  return !Number.isNaN(n) && test(n);
}

