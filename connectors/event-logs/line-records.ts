import type { Observation } from '../../src/model/observation';
import type { Line } from './read-lines';
import { mappingFor } from './mapping-files';
import { formatOf } from './sniff';

/**
 * Turns the lines of one event-log file into records, as a read and a follow both do: blank lines are passed
 * over, a line that is not a JSON object is told to `onWarning` and counted, and a field of the wrong type is
 * told once per field (the record is kept without it).
 */
export class LineRecords {
  readonly source: string;
  malformed = 0;
  private readonly ecs = mappingFor('ecs');
  private readonly otrf = mappingFor('otrf');
  private readonly warnedFields = new Set<string>();
  private lineNumber = 0;

  constructor(
    private readonly filePath: string,
    private readonly onWarning?: (message: string) => void,
  ) {
    this.source = `file://${filePath}`;
  }

  /** The record of a line; undefined for a blank or malformed one. */
  record(line: Line): Observation | undefined {
    const doc = parseLine(line.text);
    if (doc === undefined) return undefined;
    if (typeof doc === 'string') {
      this.malformed++;
      this.onWarning?.(`${this.filePath}:${line.number}: ${doc}; line skipped`);
      return undefined;
    }
    this.lineNumber = line.number;
    return (formatOf(doc) === 'ecs' ? this.ecs : this.otrf).map(doc, this.source, line.number, this.onWrongType);
  }

  private readonly onWrongType = (field: string, attribute: string, needs: string, raw: unknown) => {
    if (this.warnedFields.has(field)) return;
    this.warnedFields.add(field);
    this.onWarning?.(
      `${this.filePath}:${this.lineNumber}: ${field} holds ${describe(raw)} where ${attribute} needs ${needs}; the record is kept without it (said once per field)`,
    );
  };
}

function describe(raw: unknown): string {
  if (Array.isArray(raw)) return 'a list';
  if (raw !== null && typeof raw === 'object') return 'an object';
  return typeof raw === 'string' ? `the text ${JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw)}` : `${typeof raw} ${String(raw)}`;
}

/** The line's JSON object, undefined for a blank line, or what is wrong with it. */
function parseLine(text: string): Record<string, unknown> | string | undefined {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) <= 0x20) i++;
  if (i === text.length) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return `not JSON (${(e as Error).message})`;
  }
  return doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>) : 'not a JSON object';
}
