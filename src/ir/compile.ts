import type { DepthRange, Expression, Huntflow, JsonValue, Loc, Statement, TimeUnit, Timespan, Value, Where } from '../lang/ast';
import { suggest } from '../lang/did-you-mean';
import { excerpt } from '../lang/excerpt';
import { TIMESTAMP_FORMATS, timestampMs } from '../lang/timestamp';
import {
  COMMON_ATTRIBUTES, KNOWN_ENTITY_TYPES, newDefaultAttribute, RECORD_ATTRIBUTES, referenceType, standardAttributes,
} from '../model/entity-types';
import { EVENT_ROLE_RELATIONS, eventRoles } from '../model/event-roles';
import { OCSF_ENTITY_TYPES } from '../model/kestrel2/entity-types';
import { ocsfTypeOf } from '../model/kestrel2/ocsf';
import { isRefName, isRelation, LINKED, pairsFor, RELATION_WORDS } from '../model/relations';
import { checkAttribute, checkWhere } from './check-where';
import { misplacedSigma, splitSigma } from './sigma-where';
import { attributeName, entityName, stixRow, type Dialect, type EntityName } from './names';
import {
  makeNode, referencedVariables, type IRNode, type IRTime, type IRValue, type IRWhere, type Origin, type OutputNode, type VariableNode,
} from './nodes';
import { semanticError } from './semantic-error';

export interface CompileEnv {
  symbols: ReadonlyMap<string, VariableNode>;
  lastDataSource?: readonly string[];
  /** Epoch ms that `LAST n unit` counts back from. */
  now: number;
  /** Attribute names seen in loaded data, by entity type. */
  seenAttributes: ReadonlyMap<string, readonly string[]>;
  timeOffsets: { startMs: number; stopMs: number };
  /** `SORT BY` without ASC or DESC (Kestrel: desc). */
  defaultSortOrder?: 'asc' | 'desc';
  /** Kestrel's prefetch switches (reference 1.6): per command, and entity types it never applies to. */
  prefetch?: PrefetchSettings;
  /** Rows of the files the block LOADs, read before compiling, by statement. */
  loadedTables?: ReadonlyMap<Statement, { file: string; rows: JsonValue[] }>;
}

export interface PrefetchSettings {
  get: boolean;
  find: boolean;
  excludedEntities: readonly string[];
}

export const DEFAULT_PREFETCH: PrefetchSettings = { get: true, find: true, excludedEntities: ['file', 'user-account', 'x-oca-asset'] };

export type CompiledStatement = { kind: 'assign'; variable: VariableNode } | { kind: 'output'; output: OutputNode };

export interface CompiledBlock {
  statements: CompiledStatement[];
  symbols: Map<string, VariableNode>;
  lastDataSource?: readonly string[];
}

/** Every statement that yields a variable also rebinds `_` (Kestrel 1.x). */
const DEFAULT_VARIABLE = '_';
/** Relations only Kestrel 2 has: a statement using one follows Kestrel 2's rules. */
const KESTREL2_RELATIONS = [...EVENT_ROLE_RELATIONS, 'updated'];
export const UNIT_MS: Readonly<Record<TimeUnit, number>> = { day: 86_400_000, hour: 3_600_000, minute: 60_000, second: 1000 };

/** Whether a node yields rows rather than entities: GROUP results, and JOIN results (rows of entities). */
function rowsOf(node: IRNode): 'group' | 'join' | 'track' | undefined {
  switch (node.kind) {
    case 'group':
    case 'join':
    case 'track':
      return node.kind;
    case 'filter':
    case 'sort':
    case 'slice':
    case 'project':
    case 'transform':
    case 'variable':
      return rowsOf(node.input);
    default:
      return undefined;
  }
}

/** Compiles a parsed block against the session's symbols. Throws KestrelError; changes nothing on failure. */
export function compile(flow: Huntflow, env: CompileEnv): CompiledBlock {
  const symbols = new Map(env.symbols);
  const sortOrder = env.defaultSortOrder ?? 'desc';
  /** Entity types of the files this block SAVEs, so that a later LOAD of one needs no AS. */
  const savedTypes = new Map<string, string>();
  const prefetch = env.prefetch ?? DEFAULT_PREFETCH;
  const prefetches = (command: 'get' | 'find', type: string) => prefetch[command] && !prefetch.excludedEntities.includes(type);
  let lastDataSource = env.lastDataSource;
  const statements: CompiledStatement[] = [];
  const at = (loc: Loc) => ({ file: flow.file, source: flow.source, loc });
  const lines = flow.source.split(/\r?\n/);
  const originOf = (s: Statement, loc = s.loc): Origin => ({
    file: flow.file,
    line: loc.line,
    column: loc.column,
    statement: flow.source.slice(s.loc.start, s.loc.end).trim() || (lines[s.loc.line - 1] ?? '').trim(),
    excerpt: excerpt(flow.source, loc.line, loc.column),
  });

  /** `asText`: the quoted text a `var.attr` value stands for when it was meant as an unquoted value (name = cmd.exe). */
  const variable = (name: string, loc: Loc, asText?: string): VariableNode => {
    const v = symbols.get(name);
    if (v) return v;
    const near = suggest(name, symbols.keys());
    const didYouMean = near ? `did you mean ${near}?` : undefined;
    throw semanticError('E_UNDEFINED_VARIABLE', `variable "${name}" is not defined`, at(loc), asText
      ? `${didYouMean ? `${didYouMean} Or, ` : ''}to compare with the text, quote it: ${asText}`
      : didYouMean ?? 'assign it first, e.g. x = GET process FROM ... WHERE ...');
  };

  /** The names the current statement used: OCSF once it names an entity or attribute the Kestrel 2 way. */
  let spoke: Dialect = 'stix';
  const speaks = (d: Dialect) => {
    if (d === 'ocsf') spoke = 'ocsf';
  };

  const entityType = (type: string, loc: Loc): EntityName => {
    const named = entityName(type, (t) => env.seenAttributes.has(t));
    if (named) {
      speaks(named.dialect);
      return named;
    }
    const hint = suggest(type, [...KNOWN_ENTITY_TYPES, ...Object.keys(OCSF_ENTITY_TYPES), ...env.seenAttributes.keys()]);
    throw semanticError('E_UNKNOWN_ENTITY_TYPE', `unknown entity type "${type}"`, at(loc),
      hint ? `did you mean ${hint}?` : 'use a STIX cyber-observable type such as process, file or network-traffic, an OCSF one such as user or endpoint, or a custom x-… type');
  };

  /** Kestrel 2 assigns whatever a command yields (`x = FIND …`); kestrel-ts asks it of statements in Kestrel 2's names. */
  const assigned = (s: Statement & { target: string }, command: string) => {
    if (s.target !== DEFAULT_VARIABLE) return;
    throw semanticError('E_SYNTAX', `Kestrel 2's ${command} needs an assignment`, at(s.loc),
      `write x = ${flow.source.slice(s.loc.start, s.loc.end).trim()}`);
  };

  /** Attributes of the rows this block's NEW and LOAD create, by type: known before the rows are loaded. */
  const rowAttributes = new Map<string, Set<string>>();
  const knownAttributes = (type: string): string[] => [
    ...standardAttributes(type), ...(env.seenAttributes.get(type) ?? []), ...(rowAttributes.get(type) ?? []), ...COMMON_ATTRIBUTES, ...RECORD_ATTRIBUTES,
  ];
  const constructed = (type: string, rows: readonly { [key: string]: JsonValue }[]): string => {
    const names = rowAttributes.get(type) ?? new Set<string>();
    for (const row of rows) for (const key of Object.keys(row)) names.add(key.split('.')[0]);
    rowAttributes.set(type, names);
    return type;
  };

  /** A path of entities of `type` as kestrel-ts stores it (OCSF and ECS names read through Kestrel 2's tables). */
  const attr = (type: string, dialect: Dialect, path: string): string => {
    const named = attributeName(type, path, dialect, knownAttributes);
    speaks(named.dialect);
    return named.path;
  };
  /** An attribute of what a variable holds: table columns stay as written. */
  const attrOf = (v: VariableNode, path: string) => (rowsOf(v) ? path : attr(v.entityType, v.dialect, path));

  /** A variable that holds entities (not GROUP rows), for commands that need entities. */
  const entities = (name: string, loc: Loc, command: string): VariableNode => {
    const v = variable(name, loc);
    const rows = rowsOf(v);
    if (rows === 'group' || rows === 'track') {
      throw semanticError('E_NOT_ENTITIES', `${command} needs entities, and ${name} holds ${rows.toUpperCase()} rows`, at(loc),
        `use the variable ${name} was ${rows === 'group' ? 'grouped' : 'tracked'} from, or DISP ${name}`);
    }
    return v;
  };

  /** A value on the right of a comparison or a parameter: `var.attr` becomes an edge to the variable. */
  const value = (v: Value): IRValue => {
    if (v.kind === 'literal') return { kind: 'literal', value: v.value };
    if (v.kind === 'list') return { kind: 'list', items: v.items.map(value) };
    const text = `${v.variable}.${v.attribute}`;
    const ref = variable(v.variable, v.loc, text.includes("'") ? `"${text}"` : `'${text}'`);
    const attribute = attrOf(ref, v.attribute);
    if (!rowsOf(ref)) checkAttribute(attribute, ref.entityType, knownAttributes, at(v.loc));
    return { kind: 'reference', variable: ref, attribute };
  };

  /** A WHERE with its attributes as stored, and the types of `type:attr` comparisons as STIX types. */
  const stixWhere = (w: Where, type: string, dialect: Dialect): Where => {
    if (w.kind === 'sigma') return w;
    if (w.kind !== 'comparison') return { ...w, left: stixWhere(w.left, type, dialect), right: stixWhere(w.right, type, dialect) };
    const other = w.entityType && w.entityType !== type ? entityType(w.entityType, w.loc) : undefined;
    const [t, d] = other ? [other.type, other.dialect] : [type, dialect];
    return { ...w, entityType: other ? t : w.entityType, attribute: attr(t, d, w.attribute) };
  };

  /** Rows (GROUP, JOIN) have columns only known at run time; the engine checks them. */
  const where = (written: Where, centerType: string, dialect: Dialect, rows = false): IRWhere => {
    const w = rows ? written : stixWhere(written, centerType, dialect);
    if (!rows) checkWhere(w, centerType, knownAttributes, at);
    const walk = (x: Where): IRWhere => {
      if (x.kind === 'sigma') throw misplacedSigma(x, at);
      return x.kind === 'comparison'
        ? {
            kind: 'comparison',
            entityType: x.entityType && x.entityType !== centerType ? x.entityType : undefined,
            attribute: x.attribute,
            op: x.op,
            value: value(x.value),
          }
        : { kind: x.kind, left: walk(x.left), right: walk(x.right) };
    };
    return walk(w);
  };

  const realTime = (timestamp: string, loc: Loc): number => {
    const ms = timestampMs(timestamp);
    if (ms === undefined) throw semanticError('E_BAD_TIMESPAN', `${timestamp} is not a real time`, at(loc), TIMESTAMP_FORMATS);
    return ms;
  };

  const time = (t: Timespan | undefined, w: IRWhere | undefined): IRTime | undefined => {
    if (t?.kind === 'absolute') {
      const start = realTime(t.start, t.startLoc);
      const stop = realTime(t.stop, t.stopLoc);
      if (start >= stop) {
        throw semanticError('E_BAD_TIMESPAN', `START ${t.start} is not before STOP ${t.stop}: the window holds no time`, at(t.loc),
          'swap the two timestamps: START is the beginning of the window, STOP its end (not included)');
      }
      return { kind: 'absolute', start, stop };
    }
    if (t?.kind === 'relative') return { kind: 'absolute', start: env.now - t.amount * UNIT_MS[t.unit], stop: env.now };
    const refs = referencedVariables(w);
    return refs.length
      ? { kind: 'inferred', from: refs, startOffsetMs: env.timeOffsets.startMs, stopOffsetMs: env.timeOffsets.stopMs }
      : undefined;
  };

  /**
   * LIMIT and OFFSET come last: with a transform they count its rows (one per record), not entities. `written`
   * gets the names ATTR wrote, by the path they stand for.
   */
  const expression = (e: Expression, origin: Origin, written: Record<string, string> = {}): { node: IRNode; base: VariableNode } => {
    const base = e.transform ? entities(e.variable, e.variableLoc, e.transform) : variable(e.variable, e.variableLoc);
    speaks(base.dialect);
    const type = base.entityType;
    const rows = rowsOf(base) !== undefined;
    let node: IRNode = base;
    if (e.where) node = makeNode({ kind: 'filter', origin, entityType: type, input: node, where: where(e.where, type, base.dialect, rows) });
    const sort = (input: IRNode): IRNode =>
      makeNode({ kind: 'sort', origin, entityType: type, input, attribute: attrOf(base, e.sort!.attribute), order: e.sort!.order ?? sortOrder });
    if (e.sort && !e.transform) node = sort(node);
    if (e.attrs) {
      const attrs = e.attrs.map((a) => attrOf(base, a));
      if (!rows) attrs.forEach((a, i) => checkAttribute(a, type, knownAttributes, at(e.attrLocs?.[i] ?? e.loc)));
      attrs.forEach((a, i) => (written[a] = e.attrs![i]));
      node = makeNode({ kind: 'project', origin, entityType: type, input: node, attrs });
    }
    if (e.transform) node = makeNode({ kind: 'transform', origin, entityType: type, input: node, transform: e.transform });
    // A transform's rows (one per record) are what SORT orders, as they are what LIMIT counts.
    if (e.sort && e.transform) node = sort(node);
    if (e.limit !== undefined || e.offset !== undefined) {
      node = makeNode({ kind: 'slice', origin, entityType: type, input: node, limit: e.limit, offset: e.offset });
    }
    return { node, base };
  };

  /** The entities a projection's refs reach from `input`'s, hop by hop (FIND ref BY); the last hop filters and limits. */
  const projected = (input: IRNode, refs: readonly string[], w: IRWhere | undefined, limit: number | undefined, origin: Origin): IRNode =>
    refs.reduce<IRNode>((node, ref, i) => {
      const type = referenceType(ref)!;
      const last = i === refs.length - 1;
      return makeNode({
        kind: 'find', origin, entityType: type, input: node, relation: ref, reversed: true,
        where: last ? w : undefined, limit: last ? limit : undefined, prefetch: prefetches('find', type),
      });
    }, input);

  /** Variables keep the type as the hunt named it and the names the statement used (decision 40). */
  const assign = (name: string, input: IRNode, origin: Origin, shownType: string) => {
    const previous = symbols.get(name);
    const v = makeNode({
      kind: 'variable', origin, entityType: input.entityType, name, version: (previous?.version ?? 0) + 1, input, shownType, dialect: spoke,
    });
    symbols.set(name, v);
    if (name !== DEFAULT_VARIABLE) symbols.set(DEFAULT_VARIABLE, v);
    statements.push({ kind: 'assign', variable: v });
  };

  /** NEW and LOAD rows of a type, their keys as stored; the variable shows the type as named. */
  const construct = (s: Statement & { target: string }, command: 'NEW' | 'LOAD', named: EntityName, rows: { [key: string]: JsonValue }[]) => {
    if (named.dialect === 'ocsf') assigned(s, command);
    const stix = rows.map((r) => {
      const converted = stixRow(named.type, r, named.dialect, knownAttributes);
      speaks(converted.dialect);
      return converted.row as { [key: string]: JsonValue };
    });
    return { type: constructed(named.type, stix), rows: stix };
  };

  for (const s of flow.statements) {
    const origin = originOf(s);
    spoke = 'stix';
    switch (s.kind) {
      case 'get': {
        const named = entityType(s.entityType, s.entityTypeLoc);
        const kestrel2 = named.dialect === 'ocsf' || named.projection !== undefined;
        if (kestrel2) assigned(s, 'GET');
        const base = named.projection?.base ?? named.type;
        // A bare name after FROM is a variable when one has that name, else a data source (a bare path).
        const from = s.from?.kind === 'variable' && !symbols.has(s.from.name) && !suggest(s.from.name, symbols.keys())
          ? { kind: 'uris' as const, uris: [s.from.name], loc: s.from.loc }
          : s.from;
        // The WHERE is about the named entities; a projection reads it on the entities it starts from, through its refs.
        // SIGMA, ANDed at its top, is read on the data source's events.
        const { sigma, rest } = splitSigma(s.where, at);
        const w = rest && where(rest, named.type, named.dialect);
        const baseWhere = w && named.projection ? prefixed(w, named.projection.refs) : w;
        const project = (input: IRNode) => (named.projection ? projected(input, named.projection.refs, w, s.limit, origin) : input);
        if (from?.kind === 'variable') {
          if (sigma) throw misplacedSigma(sigma, at);
          const input = entities(from.name, from.loc, 'GET');
          if (input.entityType !== base) {
            throw semanticError('E_TYPE_MISMATCH', `GET ${s.entityType} FROM ${from.name}: the variable holds ${input.entityType} entities`,
              at(from.loc), `write GET ${input.entityType} FROM ${from.name} WHERE ...`);
          }
          // Without SIGMA, the WHERE is all there.
          assign(s.target, project(makeNode({ kind: 'filter', origin, entityType: base, input, where: baseWhere! })), origin, named.shown);
          break;
        }
        const uris = from?.uris ?? (kestrel2 ? undefined : lastDataSource);
        if (!uris) {
          throw semanticError('E_MISSING_DATA_SOURCE', kestrel2 ? `Kestrel 2's GET ${s.entityType} needs FROM`
            : 'GET without FROM, and no data source was used before', at(s.loc),
          'add FROM <data source>, e.g. GET process FROM file://data/bundle.json WHERE ...');
        }
        lastDataSource = uris;
        assign(s.target, project(makeNode({ kind: 'source', origin, entityType: base, uris: [...uris], dataSourceOrigin: originOf(s, from?.loc),
          where: baseWhere, ...(sigma && { sigma: { path: sigma.path, origin: originOf(s, sigma.pathLoc) } }),
          time: time(s.timespan, baseWhere), limit: named.projection ? undefined : s.limit, prefetch: prefetches('get', base) })),
        origin, named.shown);
        break;
      }
      case 'find': {
        const named = entityType(s.entityType, s.entityTypeLoc);
        const type = named.type;
        const input = entities(s.input, s.inputLoc, 'FIND');
        speaks(input.dialect);
        if (KESTREL2_RELATIONS.includes(s.relation)) speaks('ocsf');
        if (named.dialect === 'ocsf' || KESTREL2_RELATIONS.includes(s.relation)) assigned(s, 'FIND');
        checkRelation(type, s.relation, s.reversed, input.entityType, at(s.relationLoc), spoke);
        if (s.depth) checkDepth(s.depth, type, s.relation, input.entityType, at(s.depth.loc));
        // Kestrel 2: the WHERE of `FIND entity RESPONDED|ORIGINATED events` is about the events.
        const onEvents = !s.reversed && eventRoles(type, s.relation, input.entityType).length > 0;
        const w = s.where && (onEvents ? where(s.where, input.entityType, input.dialect) : where(s.where, type, named.dialect));
        const found = onEvents && w ? makeNode({ kind: 'filter', origin, entityType: input.entityType, input, where: w }) : input;
        const t = s.timespan ? time(s.timespan, undefined) : undefined;
        assign(s.target, makeNode({
          kind: 'find', origin, entityType: type, input: found, relation: s.relation, reversed: s.reversed,
          depth: s.depth && { min: s.depth.min, max: s.depth.max }, where: onEvents ? undefined : w, time: t, limit: s.limit,
          prefetch: prefetches('find', type),
        }), origin, named.shown);
        break;
      }
      case 'assign': {
        const { node, base } = expression(s.expr, origin);
        assign(s.target, node, origin, base.shownType);
        break;
      }
      case 'merge': {
        const inputs = s.inputs.map((n) => entities(n, s.loc, 'MERGE'));
        inputs.forEach((i) => speaks(i.dialect));
        const types = [...new Set(inputs.map((i) => i.entityType))];
        if (types.length > 1) {
          throw semanticError('E_TYPE_MISMATCH', `cannot merge variables of different types (${types.join(', ')})`, at(s.loc),
            'merge only variables that hold the same entity type');
        }
        assign(s.target, makeNode({ kind: 'merge', origin, entityType: types[0], inputs }), origin, inputs[0].shownType);
        break;
      }
      case 'sort': {
        const input = variable(s.input, s.loc);
        speaks(input.dialect);
        const attribute = attrOf(input, s.attribute);
        assign(s.target, makeNode({ kind: 'sort', origin, entityType: input.entityType, input, attribute, order: s.order ?? sortOrder }), origin,
          input.shownType);
        break;
      }
      case 'new': {
        const written = newRows('NEW', s.entityType, s.data, at(s.loc));
        const named = entityType(written.type, s.loc);
        const { type, rows } = construct(s, 'NEW', named, written.rows);
        const source = `new:${flow.file}:${s.loc.line}`;
        assign(s.target, makeNode({ kind: 'construct', origin, entityType: type, source, rows }), origin, named.shown);
        break;
      }
      case 'load': {
        const table = env.loadedTables?.get(s);
        if (table) {
          const written = newRows('LOAD', s.entityType, table.rows, at(s.loc));
          const named = entityType(written.type, s.loc);
          const { type, rows } = construct(s, 'LOAD', named, written.rows);
          assign(s.target, makeNode({ kind: 'construct', origin, entityType: type, source: table.file, rows }), origin, named.shown);
          break;
        }
        // The file is what a SAVE earlier in this block writes.
        const written = s.entityType ?? savedTypes.get(s.path);
        if (!written) throw missingType('LOAD', at(s.loc));
        const named = entityType(written, s.loc);
        assign(s.target, makeNode({
          kind: 'construct', origin, entityType: named.type, source: s.path, rows: [], deferredFile: s.path,
        }), origin, named.shown);
        break;
      }
      case 'group': {
        const input = variable(s.input, s.loc);
        speaks(input.dialect);
        const by = s.by.map((k) => ({ ...k, attribute: attrOf(input, k.attribute) }));
        const aggregations = s.aggregations?.map((a) => ({ ...a, attribute: attrOf(input, a.attribute) }));
        if (!rowsOf(input)) {
          for (const k of by) checkAttribute(k.attribute, input.entityType, knownAttributes, at(s.loc));
          for (const a of aggregations ?? []) checkAttribute(a.attribute, input.entityType, knownAttributes, at(s.loc));
        }
        assign(s.target, makeNode({
          kind: 'group', origin, entityType: input.entityType, input, by, aggregations,
        }), origin, input.shownType);
        break;
      }
      case 'track': {
        const input = entities(s.input, s.inputLoc, 'TRACK');
        if (s.depth && s.depth.min !== 1) {
          throw semanticError('E_BAD_DEPTH', `TRACK goes from the start outward: DEPTH ${s.depth.min}..${s.depth.max ?? '*'} skips hops`, at(s.depth.loc),
            'write DEPTH n (at most n hops) or DEPTH * (all)');
        }
        speaks(input.dialect);
        assign(s.target, makeNode({
          kind: 'track', origin, entityType: input.entityType, input, direction: s.direction, maxDepth: s.depth?.max, limit: s.limit,
        }), origin, input.shownType);
        break;
      }
      case 'join': {
        const left = entities(s.left, s.loc, 'JOIN');
        const right = variable(s.right, s.loc);
        speaks(left.dialect);
        const leftAttr = attrOf(left, s.leftAttr ?? 'id');
        const rightAttr = attrOf(right, s.rightAttr ?? s.leftAttr ?? 'id');
        if (!rowsOf(left)) checkAttribute(leftAttr, left.entityType, knownAttributes, at(s.loc));
        if (!rowsOf(right)) checkAttribute(rightAttr, right.entityType, knownAttributes, at(s.loc));
        assign(s.target, makeNode({ kind: 'join', origin, entityType: left.entityType, left, right, leftAttr, rightAttr }), origin, left.shownType);
        break;
      }
      case 'apply': {
        const inputs = s.inputs.map((n) => entities(n, s.loc, 'APPLY'));
        const params = s.params.map((p) => ({ key: p.key, value: value(p.value) }));
        statements.push({ kind: 'output', output: { kind: 'apply', origin, analytics: s.analytics, inputs, params } });
        break;
      }
      case 'save': {
        const input = variable(s.variable, s.loc);
        if (!rowsOf(input)) savedTypes.set(s.path, input.entityType);
        statements.push({ kind: 'output', output: { kind: 'save', origin, input, path: s.path } });
        break;
      }
      case 'disp': {
        const written: Record<string, string> = {};
        const { node } = expression(s.expr, origin, written);
        const columnNames = { type: node.entityType, dialect: spoke, written };
        statements.push({ kind: 'output', output: { kind: 'disp', origin, input: node, variable: s.expr.variable, columnNames } });
        break;
      }
      case 'info':
        statements.push({ kind: 'output', output: { kind: 'info', origin, input: variable(s.variable, s.variableLoc) } });
        break;
      case 'describe': {
        const input = variable(s.variable, s.loc);
        const attribute = attrOf(input, s.attribute);
        if (!rowsOf(input)) checkAttribute(attribute, input.entityType, knownAttributes, at(s.loc));
        statements.push({ kind: 'output', output: { kind: 'describe', origin, input, attribute } });
        break;
      }
      case 'explain':
        statements.push({ kind: 'output', output: { kind: 'explain', origin, input: variable(s.variable, s.variableLoc) } });
        break;
    }
  }
  return { statements, symbols, lastDataSource };
}

/** A WHERE about entities that `refs` reach, read on the entities they start from (`name` → `parent_ref.name`). */
function prefixed(w: IRWhere, refs: readonly string[]): IRWhere {
  if (w.kind !== 'comparison') return { ...w, left: prefixed(w.left, refs), right: prefixed(w.right, refs) };
  return w.entityType ? w : { ...w, attribute: [...refs, w.attribute].join('.') };
}

/** DEPTH walks the process tree: parents (CREATED) or children (CREATED BY), hop after hop. */
function checkDepth(depth: DepthRange, type: string, relation: string, inputType: string, at: Parameters<typeof semanticError>[2]): void {
  if (relation !== 'created' || type !== 'process' || inputType !== 'process') {
    throw semanticError('E_BAD_DEPTH', `DEPTH follows process trees, not ${type} ${relation.toUpperCase()} ${inputType}`, at,
      'write FIND process CREATED procs DEPTH * (ancestors) or FIND process CREATED BY procs DEPTH 1..3 (descendants)');
  }
  if (depth.max !== undefined && depth.max < depth.min) {
    throw semanticError('E_BAD_DEPTH', `DEPTH ${depth.min}..${depth.max} is empty`, at, `write the smaller number first: DEPTH ${depth.max}..${depth.min}`);
  }
  if (depth.min < 1) throw semanticError('E_BAD_DEPTH', 'DEPTH starts at 1 (one hop)', at, 'write DEPTH 1..n');
}

/** An unsupported relation is told in the names the statement used: OCSF types for a Kestrel 2 statement. */
function checkRelation(
  type: string, relation: string, reversed: boolean, inputType: string, at: Parameters<typeof semanticError>[2], dialect: Dialect,
): void {
  if (relation === LINKED || isRefName(relation)) return;
  const [subject, object] = reversed ? [inputType, type] : [type, inputType];
  if (isRelation(subject, relation, object)) return;
  if (!RELATION_WORDS.includes(relation)) {
    const hint = suggest(relation, RELATION_WORDS);
    throw semanticError('E_UNSUPPORTED_RELATION', `unknown relation "${relation}"`, at,
      hint ? `did you mean ${hint.toUpperCase()}?`
        : `relations are ${RELATION_WORDS.map((w) => w.toUpperCase()).join(', ')}, or a reference name such as parent_ref`);
  }
  const name = (t: string) => (dialect === 'ocsf' ? ocsfTypeOf(t) ?? t : t);
  const pairs = [...new Set(pairsFor(relation).map((p) => `${name(p.subject)} ${relation.toUpperCase()} ${name(p.object)}`))];
  throw semanticError('E_UNSUPPORTED_RELATION', `no relation ${name(subject)} ${relation.toUpperCase()} ${name(object)}`, at,
    `${relation.toUpperCase()} relates: ${pairs.join('; ')} (or use LINKED for entities in the same record)`);
}

function missingType(command: 'NEW' | 'LOAD', at: Parameters<typeof semanticError>[2]) {
  return command === 'NEW'
    ? semanticError('E_MISSING_ENTITY_TYPE', 'NEW needs an entity type', at, 'write NEW <type> [...] or give each object a "type"')
    : semanticError('E_MISSING_ENTITY_TYPE', 'LOAD needs an entity type: the file has no "type" column', at,
      'write x = LOAD <file> AS <type>, e.g. AS ipv4-addr');
}

function newRows(command: 'NEW' | 'LOAD', type: string | undefined, data: JsonValue[], at: Parameters<typeof semanticError>[2]) {
  const rows: { [key: string]: JsonValue }[] = [];
  let found = type;
  for (const item of data) {
    if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
      const t = typeof item.type === 'string' ? item.type : undefined;
      if (t && found && t !== found) {
        throw semanticError('E_TYPE_MISMATCH', `${command} mixes entity types ${found} and ${t}`, at, `one ${command} creates entities of one type`);
      }
      found = found ?? t;
      rows.push({ ...item });
    } else {
      if (!type) {
        throw semanticError('E_MISSING_ENTITY_TYPE', 'NEW with a list of values needs an entity type', at,
          'write NEW process ["cmd.exe", "explorer.exe"] or give objects a "type"');
      }
      rows.push({ [newDefaultAttribute(type)]: item });
    }
  }
  if (!found) throw missingType(command, at);
  return { type: found, rows };
}
