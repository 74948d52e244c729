import { isScalar, parseAllDocuments, visit } from 'yaml';
import { parseCondition } from './parse-condition';
import type { Condition, FieldItem, SigmaLogsource, SigmaRule, SigmaScalar, Selection } from './rule';
import { badRule, unsupported } from './sigma-error';

type Json = SigmaScalar | Json[] | { [key: string]: Json };

/** A Sigma rule file's text to its typed tree; throws E_SIGMA_RULE or E_SIGMA_UNSUPPORTED naming the construct. */
export function parseRule(text: string, file?: string): SigmaRule {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) throw badRule('empty file', file);
  for (const d of docs) if (d.errors.length) throw badRule(`YAML: ${d.errors[0].message.split('\n')[0]}`, file);
  if (docs.length > 1) throw unsupported('rule collection', `${docs.length} YAML documents in one file (a rule collection or correlation)`, file);
  // A number written 0x1410 or 0755 is the text the event holds, not 5136 or 755.
  visit(docs[0], {
    Scalar(_, node) {
      if (isScalar(node) && typeof node.value === 'number' && typeof node.source === 'string' && node.source !== String(node.value)) node.value = node.source;
    },
  });
  const raw = docs[0]?.toJS() as Json;
  if (!isMap(raw)) throw badRule('the file is not a YAML map', file);
  if (raw.correlation !== undefined) throw unsupported('correlation', 'a correlation rule relates the hits of other rules over time', file);
  if (raw.action !== undefined) throw unsupported('rule collection', `\`action: ${String(raw.action)}\``, file);
  if (raw.filter !== undefined && raw.detection === undefined) throw unsupported('filter rule', 'a meta filter applies to other rules', file);
  if (typeof raw.title !== 'string') throw badRule('no title', file);
  const detection = raw.detection;
  if (!isMap(detection)) throw badRule('no detection map', file);
  if (detection.timeframe !== undefined) throw unsupported('timeframe', 'a time window belongs to an aggregation or correlation', file);
  const selections = new Map<string, Selection>();
  for (const [name, value] of Object.entries(detection)) {
    if (name === 'condition') continue;
    selections.set(name, { name, alternatives: alternativesOf(name, value, file) });
  }
  const condition = conditionOf(detection.condition, [...selections.keys()], file);
  return {
    ...(typeof raw.id === 'string' && { id: raw.id }),
    title: raw.title,
    ...(typeof raw.level === 'string' && { level: raw.level }),
    ...(typeof raw.status === 'string' && { status: raw.status }),
    ...(typeof raw.description === 'string' && { description: raw.description }),
    ...(typeof raw.author === 'string' && { author: raw.author }),
    tags: Array.isArray(raw.tags) ? raw.tags.filter((t): t is string => typeof t === 'string') : [],
    logsource: logsourceOf(raw.logsource, file),
    selections,
    condition,
    ...(file && { file }),
  };
}

function conditionOf(value: Json | undefined, names: string[], file?: string): Condition {
  if (typeof value === 'string') return parseCondition(value, names, file);
  if (Array.isArray(value) && value.length && value.every((v) => typeof v === 'string')) {
    const items = value.map((v) => parseCondition(v as string, names, file));
    return items.length === 1 ? items[0] : { kind: 'or', items };
  }
  throw badRule('detection has no condition', file);
}

function logsourceOf(value: Json | undefined, file?: string): SigmaLogsource {
  if (!isMap(value)) throw badRule('no logsource', file);
  const out: SigmaLogsource = {};
  for (const key of ['product', 'category', 'service'] as const) {
    const v = value[key];
    if (typeof v === 'string') out[key] = v.toLowerCase();
  }
  return out;
}

function alternativesOf(name: string, value: Json, file?: string): FieldItem[][] {
  if (isMap(value)) return [itemsOf(name, value, file)];
  if (Array.isArray(value)) {
    if (!value.length) throw badRule(`search identifier ${name} is an empty list`, file);
    const keywords = value.filter((v): v is SigmaScalar => !isMap(v) && !Array.isArray(v));
    const maps = value.filter(isMap);
    if (keywords.length + maps.length !== value.length) throw unsupported('nested list', `search identifier ${name} holds a list inside a list`, file);
    return [...(keywords.length ? [[{ field: null, modifiers: [], values: keywords }]] : []), ...maps.map((m) => itemsOf(name, m, file))];
  }
  if (typeof value === 'string' || typeof value === 'number') return [[{ field: null, modifiers: [], values: [value] }]];
  throw badRule(`search identifier ${name} is neither a map, a list nor a keyword`, file);
}

function itemsOf(name: string, map: { [key: string]: Json }, file?: string): FieldItem[] {
  const items = Object.entries(map).map(([key, value]): FieldItem => {
    const [field, ...modifiers] = key.split('|');
    let values: SigmaScalar[];
    if (Array.isArray(value)) {
      if (value.some((v) => isMap(v) || Array.isArray(v))) throw unsupported('nested value', `${name}: ${key} holds a map or list inside its list`, file);
      values = value as SigmaScalar[];
    } else if (isMap(value)) {
      throw unsupported('nested value', `${name}: ${key} holds a map`, file);
    } else {
      values = [value];
    }
    if (!values.length) throw badRule(`${name}: ${key} is an empty list`, file);
    return { field: field === '' ? null : field, modifiers: modifiers.map((m) => m.toLowerCase()), values };
  });
  if (!items.length) throw badRule(`search identifier ${name} is an empty map`, file);
  return items;
}

function isMap(v: Json | undefined): v is { [key: string]: Json } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
