import type { MatchResult, Node } from 'ohm-js';
import type {
  Aggregation, AggregationFunc, ComparisonOp, DataSource, DepthRange, Expression, GroupKey, JsonValue, Loc, SortOrder, Statement,
  TimeUnit, Timespan, Transform, Value, Where,
} from './ast';
import { grammar } from './grammar';
import type { ToSource } from './long-lists';
import { position } from './position';
import { decodeString } from './python-string';

const DEFAULT_TARGET = '_';
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

type ExpressionSource = Pick<Expression, 'transform' | 'variable' | 'variableLoc'>;

const semantics = grammar.createSemantics();

/** The `ast` operation: every action returns the AST piece its rule stands for. */
semantics.addOperation<unknown>('ast', {
  Huntflow(statements): Statement[] {
    return statements.children.map((statement) => statement.ast());
  },
  Statement(body, _end): Statement {
    return body.ast();
  },

  Assignment_merge(target, _eq, first, _plus, rest): Statement {
    const inputs = [first, ...rest.children].map((input) => input.sourceString);
    return { kind: 'merge', target: target.sourceString, inputs, loc: locOf(this) };
  },
  Assignment_command(target, _eq, command): Statement {
    return { ...command.ast(), target: target.sourceString, loc: locOf(this) };
  },
  Assignment_expression(target, _eq, expression): Statement {
    return { kind: 'assign', target: target.sourceString, expr: expression.ast(), loc: locOf(this) };
  },

  Find(_kw, entityType, relation, reversed, input, depth, where, timespan, limit): Statement {
    return {
      kind: 'find',
      target: DEFAULT_TARGET,
      entityType: entityType.sourceString,
      entityTypeLoc: locOf(entityType),
      relation: relation.sourceString.toLowerCase(),
      relationLoc: locOf(relation),
      reversed: reversed.numChildren > 0,
      input: input.sourceString,
      inputLoc: locOf(input),
      depth: optional(depth),
      where: optional(where),
      timespan: optional(timespan),
      limit: optional(limit),
      loc: locOf(this),
    };
  },
  Track(_kw, direction, input, depth, limit): Statement {
    return {
      kind: 'track',
      target: DEFAULT_TARGET,
      direction: direction.sourceString.toLowerCase() === 'backward' ? 'backward' : 'forward',
      input: input.sourceString,
      inputLoc: locOf(input),
      depth: optional(depth),
      limit: optional(limit),
      loc: locOf(this),
    };
  },
  Get(_kw, entityType, _from, from, where, timespan, limit): Statement {
    return {
      kind: 'get',
      target: DEFAULT_TARGET,
      entityType: entityType.sourceString,
      entityTypeLoc: locOf(entityType),
      from: optional(from),
      where: where.ast(),
      timespan: optional(timespan),
      limit: optional(limit),
      loc: locOf(this),
    };
  },
  Group(_kw, input, _by, keys, _with, aggregations): Statement {
    return {
      kind: 'group',
      target: DEFAULT_TARGET,
      input: input.sourceString,
      by: listOf(keys),
      aggregations: optional(aggregations, listOf<Aggregation>),
      loc: locOf(this),
    };
  },
  Join(_kw, left, _comma, right, _by, leftAttr, _comma2, rightAttr): Statement {
    return {
      kind: 'join',
      target: DEFAULT_TARGET,
      left: left.sourceString,
      right: right.sourceString,
      leftAttr: optional(leftAttr, text),
      rightAttr: optional(rightAttr, text),
      loc: locOf(this),
    };
  },
  Load(_kw, path, _as, entityType): Statement {
    return {
      kind: 'load', target: DEFAULT_TARGET, path: path.ast(), entityType: optional(entityType, text), loc: locOf(this),
    };
  },
  New(_kw, entityType, _open, data, _close): Statement {
    return {
      kind: 'new', target: DEFAULT_TARGET, entityType: optional(entityType, text), data: data.ast(), loc: locOf(this),
    };
  },
  Sort(_kw, input, _by, attribute, order): Statement {
    return {
      kind: 'sort',
      target: DEFAULT_TARGET,
      input: input.sourceString,
      attribute: attribute.sourceString,
      order: optional(order),
      loc: locOf(this),
    };
  },
  Apply(_kw, analytics, _on, inputs, _with, params): Statement {
    return {
      kind: 'apply',
      analytics: analytics.ast(),
      inputs: inputs.asIteration().children.map(text),
      params: optional(params, listOf<{ key: string; value: Value }>) ?? [],
      loc: locOf(this),
    };
  },
  Disp(_kw, expression): Statement {
    return { kind: 'disp', expr: expression.ast(), loc: locOf(this) };
  },
  Info(_kw, variable): Statement {
    return { kind: 'info', variable: variable.sourceString, variableLoc: locOf(variable), loc: locOf(this) };
  },
  Save(_kw, variable, _to, path): Statement {
    return { kind: 'save', variable: variable.sourceString, path: path.ast(), loc: locOf(this) };
  },
  Describe(_kw, variableAttribute): Statement {
    const [variable, , attribute] = variableAttribute.children;
    return { kind: 'describe', variable: variable.sourceString, attribute: attribute.sourceString, loc: locOf(this) };
  },
  Explain(_kw, variable): Statement {
    return { kind: 'explain', variable: variable.sourceString, variableLoc: locOf(variable), loc: locOf(this) };
  },

  Expression(source, where, attrs, sort, limit, offset): Expression {
    const attributes = optional(attrs, (clause) => clause.child(1).asIteration().children);
    return {
      ...source.ast(),
      where: optional(where),
      attrs: attributes?.map(text),
      attrLocs: attributes?.map(locOf),
      sort: optional(sort),
      limit: optional(limit),
      offset: optional(offset),
      loc: locOf(this),
    };
  },
  ExpressionSource_transformed(transform, _open, variable, _close): ExpressionSource {
    return {
      transform: transform.sourceString.toUpperCase() as Transform,
      variable: variable.sourceString,
      variableLoc: locOf(variable),
    };
  },
  ExpressionSource_plain(variable): ExpressionSource {
    return { variable: variable.sourceString, variableLoc: locOf(variable) };
  },
  SortClause(_sort, _by, attribute, order): Expression['sort'] {
    return { attribute: attribute.sourceString, order: optional(order) };
  },
  SortOrder(order): SortOrder {
    return order.sourceString.toLowerCase() as SortOrder;
  },
  Depth(_kw, range): DepthRange {
    return { ...range.ast(), loc: locOf(this) };
  },
  DepthRange_all(_star) {
    return { min: 1 };
  },
  DepthRange_range(min, _dots, max) {
    return max.sourceString === '*' ? { min: min.ast() } : { min: min.ast(), max: max.ast() };
  },
  DepthRange_upTo(max) {
    return { min: 1, max: max.ast() };
  },
  Limit(_kw, count): number {
    return count.ast();
  },
  Offset(_kw, count): number {
    return count.ast();
  },

  GroupKey_bin(_bin, _open, attribute, _comma, size, unit, _close): GroupKey {
    return { kind: 'bin', attribute: attribute.sourceString, size: size.ast(), unit: optional(unit) };
  },
  GroupKey_attribute(attribute): GroupKey {
    return { kind: 'attribute', attribute: attribute.sourceString };
  },
  Aggregation(func, _open, attribute, _close, _as, alias): Aggregation {
    return {
      func: func.sourceString.toUpperCase() as AggregationFunc,
      attribute: attribute.sourceString,
      alias: optional(alias, text),
    };
  },

  NewData_objects(objects): JsonValue[] {
    return listOf(objects);
  },
  NewData_strings(strings): JsonValue[] {
    return listOf(strings);
  },
  JsonObject(_open, members, _close): JsonValue {
    return Object.fromEntries(listOf<[string, JsonValue]>(members));
  },
  JsonMember(key, _colon, value): [string, JsonValue] {
    return [key.ast(), value.ast()];
  },
  JsonArray(_open, items, _close): JsonValue {
    return listOf(items);
  },
  JsonValue(value): JsonValue {
    switch (value.ctorName) {
      case 'kwTrue': return true;
      case 'kwFalse': return false;
      case 'kwNull': return null;
      default: return value.ast();
    }
  },

  ApplyParam(key, _eq, value): { key: string; value: Value } {
    return { key: key.sourceString, value: value.ast() };
  },

  DataSource_quoted(string): DataSource {
    const uris = (string.ast() as string).split(',').map((uri) => uri.trim());
    return { kind: 'uris', uris: inheritSchemes(uris), loc: locOf(this) };
  },
  DataSource_paths(paths): DataSource {
    // One bare identifier (no scheme, slash, dot, dash or comma) names a variable.
    const uris = paths.asIteration().children.map(text);
    return uris.length === 1 && VARIABLE_NAME.test(uris[0])
      ? { kind: 'variable', name: uris[0], loc: locOf(this) }
      : { kind: 'uris', uris: inheritSchemes(uris), loc: locOf(this) };
  },

  Timespan_absolute(_start, start, _stop, stop): Timespan {
    return { kind: 'absolute', start: start.ast(), stop: stop.ast(), loc: locOf(this), startLoc: locOf(start), stopLoc: locOf(stop) };
  },
  Timespan_relative(_last, amount, unit): Timespan {
    return { kind: 'relative', amount: amount.ast(), unit: unit.ast(), loc: locOf(this) };
  },
  timestamp_bare(iso): string {
    return iso.sourceString;
  },
  timestamp_singleQuoted(_t, _open, iso, _close): string {
    return iso.sourceString;
  },
  timestamp_doubleQuoted(_t, _open, iso, _close): string {
    return iso.sourceString;
  },
  unitDay(_unit): TimeUnit {
    return 'day';
  },
  unitHour(_unit): TimeUnit {
    return 'hour';
  },
  unitMinute(_unit): TimeUnit {
    return 'minute';
  },
  unitSecond(_unit): TimeUnit {
    return 'second';
  },

  Where(_kw, pattern): Where {
    return pattern.ast();
  },
  Pattern_stix(_open, pattern, _close): Where {
    return pattern.ast();
  },
  Disjunction(terms): Where {
    return balanced('or', terms.asIteration().children.map((term) => term.ast()));
  },
  Conjunction(terms): Where {
    return balanced('and', terms.asIteration().children.map((term) => term.ast()));
  },
  Comparison_parens(_open, pattern, _close): Where {
    return pattern.ast();
  },
  Comparison_sigma(_kw, path): Where {
    return { kind: 'sigma', path: path.ast(), pathLoc: locOf(path), loc: locOf(this) };
  },
  Comparison_null(path, _is, not, nullKeyword): Where {
    const value: Value = { kind: 'literal', value: null, loc: locOf(nullKeyword) };
    return { kind: 'comparison', ...path.ast(), op: not.numChildren > 0 ? '!=' : '=', value, loc: locOf(this) };
  },
  Comparison_compare(path, op, value): Where {
    return { kind: 'comparison', ...path.ast(), op: op.ast(), value: value.ast(), loc: locOf(this) };
  },
  attributePath(entityType, _colon, attribute): { entityType?: string; attribute: string } {
    return { entityType: optional(entityType, text), attribute: attribute.sourceString };
  },
  Operator_keyword(not, op): ComparisonOp {
    return `${not.numChildren > 0 ? 'NOT ' : ''}${op.sourceString.toUpperCase()}` as ComparisonOp;
  },
  Operator_symbol(op): ComparisonOp {
    return op.sourceString === '==' ? '=' : (op.sourceString as ComparisonOp);
  },

  Value_parenList(_open, items, _close): Value {
    return { kind: 'list', items: listOf(items), loc: locOf(this) };
  },
  Value_bracketList(_open, items, _close): Value {
    return { kind: 'list', items: listOf(items), loc: locOf(this) };
  },
  scalar(value): Value {
    switch (value.ctorName) {
      case 'reference': {
        const [variable, , attribute] = value.children;
        const loc = locOf(this);
        return { kind: 'reference', variable: variable.sourceString, attribute: attribute.sourceString, loc };
      }
      case 'bareWord': return { kind: 'literal', value: value.sourceString, loc: locOf(this) };
      default: return { kind: 'literal', value: value.ast(), loc: locOf(this) };
    }
  },

  path(path): string {
    return path.ctorName === 'string' ? path.ast() : path.sourceString;
  },
  string(_raw, _quoted): string {
    return decodeString(this.sourceString);
  },
  number(_sign, _digits, _dot, _fraction, _exponent): number {
    return Number(this.sourceString);
  },
  integer(_digits): number {
    return Number(this.sourceString);
  },
});

/**
 * The huntflow a match was cut from, and where the matched text starts in it: locations count from its start, mapped
 * back to the huntflow where long lists were cut out of the matched text (long-lists.ts).
 */
let huntflow: { source: string; offset: number; toSource: ToSource } = { source: '', offset: 0, toSource: (o) => o };

/** The statements of a successful match of `source.slice(offset)` or of a part of it that starts there. */
export function toStatements(match: MatchResult, source: string, offset: number, toSource: ToSource = (o) => o): Statement[] {
  huntflow = { source, offset, toSource };
  return semantics(match).ast();
}

function locOf(node: Node): Loc {
  const start = huntflow.toSource(huntflow.offset + node.source.startIdx, false);
  return { ...position(huntflow.source, start), start, end: huntflow.toSource(huntflow.offset + node.source.endIdx, true) };
}

function text(node: Node): string {
  return node.sourceString;
}

/** The value of an optional (`x?`) node, by default its AST. */
function optional<T>(iteration: Node, convert: (node: Node) => T = (node) => node.ast()): T | undefined {
  return iteration.numChildren > 0 ? convert(iteration.child(0)) : undefined;
}

/** The ASTs of a ListOf / NonemptyListOf node. */
function listOf<T>(list: Node): T[] {
  return list.asIteration().children.map((item) => item.ast());
}

/**
 * `stixshifter://a,b` names two profiles (Kestrel): a bare item after a profile-like scheme takes that scheme.
 * Bare items after file:// or http(s):// stay bare paths.
 */
function inheritSchemes(uris: string[]): string[] {
  let scheme: string | undefined;
  return uris.map((uri) => {
    const m = /^([a-z][a-z0-9+.-]*):\/\//i.exec(uri);
    if (m) {
      scheme = ['file', 'http', 'https'].includes(m[1].toLowerCase()) ? undefined : m[1];
      return uri;
    }
    return scheme ? `${scheme}://${uri}` : uri;
  });
}

/**
 * Terms joined by one operator as a balanced tree: evaluation gives the same result as the left-leaning
 * tree, and a thousand ORed comparisons nest ten levels deep, not a thousand.
 */
function balanced(kind: 'and' | 'or', terms: Where[]): Where {
  if (terms.length === 1) return terms[0];
  const middle = Math.ceil(terms.length / 2);
  const left = balanced(kind, terms.slice(0, middle));
  const right = balanced(kind, terms.slice(middle));
  return { kind, left, right, loc: { line: left.loc.line, column: left.loc.column, start: left.loc.start, end: right.loc.end } };
}
