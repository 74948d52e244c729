import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadUserConfig } from '../../../connectors/user-config';
import { KestrelError } from '../../model/errors';
import { PYTHON_SOURCE } from './python-source';
import type { AnalyticsInput, AnalyticsRequest, AnalyticsResult, AnalyticsValue, Row } from './types';
import { validateAnalyticsOutput } from './validate';

const MAX_OUTPUT = 64 * 1024;

/** The Python that runs `python://` analytics: `$KESTREL_PYTHON`, else Debian's. */
export function pythonCommand(env = process.env): string {
  return env.KESTREL_PYTHON || '/usr/bin/python3';
}

/**
 * `python://NAME` from Kestrel's Python analytics profiles (`$KESTREL_PYTHON_ANALYTICS_CONFIG` or
 * `~/.config/kestrel/pythonanalytics.yaml`: `profiles: {NAME: {module, func}}`): the module's absolute path and the
 * function to call. E_ANALYTICS_NOT_FOUND for an unknown name or a missing module.
 */
export function pythonProfile(uri: string): { module: string; func: string } {
  const name = uri.replace(/^python:\/\//i, '');
  const { file, config } = loadUserConfig('KESTREL_PYTHON_ANALYTICS_CONFIG', 'pythonanalytics.yaml', 'E_ANALYTICS_NOT_FOUND');
  const profiles = (config.profiles ?? {}) as Record<string, { module?: unknown; func?: unknown }>;
  const profile = Object.hasOwn(profiles, name) ? profiles[name] : undefined;
  if (!profile || typeof profile.module !== 'string' || typeof profile.func !== 'string') {
    const known = Object.keys(profiles).sort();
    throw new KestrelError('E_ANALYTICS_NOT_FOUND', `unknown analytics ${uri}: ${file} has ${known.length ? `profiles ${known.join(', ')}` : 'no profiles'}`, {
      hint: `add it under profiles: (NAME: {module: /path/to/analytics.py, func: analytics}) in ${file}, or set KESTREL_PYTHON_ANALYTICS_CONFIG`,
    });
  }
  const module = path.resolve(profile.module.replace(/^~(?=$|\/)/, os.homedir()));
  if (!existsSync(module)) throw new KestrelError('E_ANALYTICS_NOT_FOUND', `analytics ${uri}: no module ${module}`, { hint: `correct the module of profile ${name} in ${file}` });
  return { module, func: profile.func };
}

/**
 * Runs a `python://` analytics as Kestrel does, in a python3 subprocess: the inputs go to it as a JSON file of rows
 * (each with `id` and `type`), it writes back the DataFrames the function returned, and the attributes whose values
 * changed or are new become the updates. Stopped after `timeoutMs` (E_ANALYTICS_TIMEOUT).
 */
export async function runPythonAnalytics(request: AnalyticsRequest): Promise<AnalyticsResult> {
  const { uri, inputs, params, timeoutMs } = request;
  const { module, func } = pythonProfile(uri);
  const started = Date.now();
  const work = mkdtempSync(path.join(os.tmpdir(), 'kestrel-python-'));
  try {
    writeFileSync(path.join(work, 'inputs.json'), JSON.stringify(inputs.map((i) => ({ variable: i.variable, rows: i.rows.map((r) => ({ ...r, type: i.entityType })) }))));
    writeFileSync(path.join(work, 'params.json'), JSON.stringify(params));
    const output = await runScript(uri, [work, module, func], timeoutMs);
    const resultFile = path.join(work, 'result.json');
    if (!existsSync(resultFile)) throw failed(uri, `python exited without a result${output ? `: ${lastLine(output)}` : ''}`);
    const result = JSON.parse(readFileSync(resultFile, 'utf8')) as { error?: string; stage?: string; frames?: Row[][]; html?: string | null };
    if (result.error !== undefined) throw stageError(uri, result.stage, result.error);
    const raw = { updates: result.frames?.length ? result.frames.map((rows, i) => changes(rows, inputs[i])) : undefined, display: result.html ? { html: result.html } : undefined };
    const { updates, display } = validateAnalyticsOutput(raw, inputs, `analytics ${uri}`);
    return { module, updates, output, elapsedMs: Date.now() - started, ...(display ? { display } : {}) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function runScript(uri: string, args: string[], timeoutMs: number): Promise<string> {
  const python = pythonCommand();
  return new Promise((resolve, reject) => {
    const child = spawn(python, ['-c', PYTHON_SOURCE, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      if (output.length < MAX_OUTPUT) output = (output + chunk.toString()).slice(0, MAX_OUTPUT);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new KestrelError('E_ANALYTICS_TIMEOUT', `analytics ${uri} did not finish within ${timeoutMs / 1000} s and was stopped`, {
        hint: 'raise analytics.timeout_seconds in kestrel.yaml if it needs longer',
      }));
    }, timeoutMs);
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(failed(uri, `cannot run ${python} (${e.code ?? e.message}): install python3 with pandas (Debian: apt-get install python3-pandas), or set KESTREL_PYTHON`));
    });
    child.on('close', () => {
      clearTimeout(timer);
      resolve(output);
    });
  });
}

/** Of a returned row, what differs from the input row with its id: new attributes and changed values (`type` never). */
function changes(rows: Row[], input: AnalyticsInput | undefined): Row[] {
  const before = new Map((input?.rows ?? []).map((r) => [r.id, r]));
  return rows.map((row) => {
    const old = before.get(row.id) ?? {};
    const update: Row = { id: row.id };
    for (const [k, v] of Object.entries(row)) {
      if (k === 'id' || k === 'type' || v === null || JSON.stringify(v) === JSON.stringify(old[k])) continue;
      update[k] = v !== null && typeof v === 'object' && !Array.isArray(v) ? (JSON.stringify(v) as AnalyticsValue) : v;
    }
    return update;
  });
}

function stageError(uri: string, stage: string | undefined, message: string): KestrelError {
  if (stage === 'export') return new KestrelError('E_ANALYTICS_NOT_FOUND', `analytics ${uri}: ${message}`, { hint: 'the profile\'s func names the analytics function of its module' });
  if (stage === 'output') return new KestrelError('E_ANALYTICS_BAD_OUTPUT', `analytics ${uri}: ${message}`, { hint: 'the function returns the data frames it was given, with columns added or changed (samples/analytics/README.md)' });
  return failed(uri, stage === 'load' ? `could not be loaded: ${message}` : message);
}

function failed(uri: string, message: string): KestrelError {
  return new KestrelError('E_ANALYTICS_FAILED', `analytics ${uri} failed: ${message}`, {
    hint: 'the message comes from the analytics module; check the variables it was applied on and its WITH parameters',
  });
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? '';
}
