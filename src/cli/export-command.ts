import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeAtomically } from '../engine/table-files/io';
import { KestrelError } from '../model/errors';
import type { Session } from '../engine/session';
import { GRAPH_FORMATS, graphFormatNamed } from '../../viz/exporters';
import { besideHuntflow, huntGraph } from './hunt-graph';

export interface ExportOptions {
  format: string;
  /** Output path without the format's suffix (`-o report` → report.graphml, report.nodes.csv, …). */
  out?: string;
}

/**
 * `kestrel export HUNT.hf --format F [VAR…]`: runs the hunt and writes the graph behind the variables in one
 * format, next to the huntflow unless `-o` says where. Returns the files written, or the hunt's errors.
 */
export async function exportHunt(session: Session, file: string, names: readonly string[], opts: ExportOptions) {
  const format = graphFormatNamed(opts.format);
  if (!format) {
    throw new KestrelError('E_UNSUPPORTED_FORMAT', `no graph format "${opts.format}"`, {
      hint: `formats are ${GRAPH_FORMATS.map((f) => f.name).join(', ')}, and html (kestrel view)`,
    });
  }
  const run = await huntGraph(session, file, names);
  if (!('graph' in run)) return { result: run, files: [] };
  const base = opts.out ?? besideHuntflow(file, '');
  fs.mkdirSync(path.dirname(path.resolve(base)), { recursive: true });
  const files: { path: string; bytes: number }[] = [];
  for (const f of format.files(run.graph)) {
    const target = base.endsWith(f.suffix) ? base : base + f.suffix;
    await writeAtomically(target, () => Buffer.from(f.text, 'utf8'));
    files.push({ path: target, bytes: Buffer.byteLength(f.text) });
  }
  return { result: run.result, files, nodes: run.graph.nodes.length, edges: run.graph.edges.length };
}
