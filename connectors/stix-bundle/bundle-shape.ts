import { KestrelError } from '../../src/model/errors';
import { quote } from './quote';

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The `objects` of a STIX bundle, or E_BAD_INPUT_FILE saying what was found instead. */
export function bundleObjects(json: unknown, file: string): unknown[] {
  if (isJsonObject(json) && json.type === 'bundle' && Array.isArray(json.objects)) return json.objects;
  throw new KestrelError('E_BAD_INPUT_FILE', `${file} is not a STIX bundle: found ${describe(json)}`, {
    file,
    hint: 'a STIX bundle is a JSON object {"type": "bundle", "id": "bundle--…", "objects": [ … ]} holding observed-data',
  });
}

function describe(json: unknown): string {
  if (Array.isArray(json)) return `a JSON array of ${json.length} items`;
  if (!isJsonObject(json)) return `a JSON ${json === null ? 'null' : typeof json}`;
  if (json.type === 'bundle') {
    return `a bundle whose "objects" is ${json.objects === undefined ? 'missing' : `${quote(json.objects)}, not an array`}`;
  }
  const keys = Object.keys(json);
  const shown = keys.slice(0, 5).map(quote).join(', ') + (keys.length > 5 ? ', …' : '');
  const type = Object.hasOwn(json, 'type') ? `type ${quote(json.type)}` : 'no "type"';
  return `a JSON object with ${type} and keys ${shown || '(none)'}`;
}
