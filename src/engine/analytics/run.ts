import { Worker } from 'node:worker_threads';
import { KestrelError, isKestrelError } from '../../model/errors';
import { runPythonAnalytics } from './python';
import { resolveAnalytics } from './resolve';
import type { AnalyticsRequest, AnalyticsResult } from './types';
import { validateAnalyticsOutput } from './validate';
import { WORKER_SOURCE } from './worker-source';

const MAX_OUTPUT = 64 * 1024;
const DEFAULT_MEMORY_MB = 1024;

type WorkerMessage =
  | { kind: 'result'; result: unknown }
  | { kind: 'error'; stage: 'load' | 'export' | 'run' | 'send'; message: string };

/**
 * Runs one analytics (APPLY) in a worker thread and returns its validated result.
 *
 * The module is resolved first (E_ANALYTICS_NOT_FOUND), then loaded and called as
 * `fn(inputs, params, { baseDir, uri, module })` in a fresh worker whose environment is
 * `{ ...process.env, ...params }`. A module that throws fails with E_ANALYTICS_FAILED; one still running
 * after `timeoutMs` (an endless loop included) is terminated and fails with E_ANALYTICS_TIMEOUT; a result
 * outside the contract fails with E_ANALYTICS_BAD_OUTPUT. Every failure is a rejected KestrelError: the
 * host process never crashes and no worker outlives the call.
 */
/** Node's timers fire at once beyond this (about 24.8 days); a longer limit means this one. */
const MAX_TIMER_MS = 2_147_483_647;

export async function runAnalytics(request: AnalyticsRequest): Promise<AnalyticsResult> {
  const { uri, baseDir, profiles, inputs, params, timeoutMs } = request;
  if (!(typeof timeoutMs === 'number' && timeoutMs > 0 && Number.isFinite(timeoutMs))) {
    throw new KestrelError('E_ANALYTICS_FAILED', `analytics ${uri}: the time limit must be a positive number of milliseconds, got ${String(timeoutMs)}`, {
      hint: 'set analytics.timeout_seconds in kestrel.yaml to a positive number',
    });
  }
  if (/^python:\/\//i.test(uri)) return runPythonAnalytics(request);
  const modulePath = resolveAnalytics(uri, baseDir, profiles);
  const started = Date.now();

  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  for (const [k, v] of Object.entries(params)) env[k] = String(v);

  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        modulePath,
        uri,
        baseDir,
        inputs: inputs.map((i) => ({ variable: i.variable, entityType: i.entityType, rows: i.rows })),
        params: { ...params },
      },
      env,
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: request.memoryLimitMb ?? DEFAULT_MEMORY_MB },
    });
  } catch (e) {
    throw failed(uri, `could not start: ${messageOf(e)}`);
  }

  let output = '';
  const collect = (chunk: Buffer | string) => {
    if (output.length < MAX_OUTPUT) output = (output + chunk.toString()).slice(0, MAX_OUTPUT);
  };
  worker.stdout.on('data', collect);
  worker.stderr.on('data', collect);

  const raw = await new Promise<unknown>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: { ok: true; value: unknown } | { ok: false; error: KestrelError }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Stop the worker whatever happened: a module may leave timers or loops behind its result.
      worker.terminate().then(
        () => (outcome.ok ? resolve(outcome.value) : reject(outcome.error)),
        () => (outcome.ok ? resolve(outcome.value) : reject(outcome.error)),
      );
    };
    const timer = setTimeout(() => {
      const seconds = timeoutMs / 1000;
      settle({
        ok: false,
        error: new KestrelError('E_ANALYTICS_TIMEOUT', `analytics ${uri} did not finish within ${seconds} s and was stopped`, {
          hint: `raise analytics.timeout_seconds in kestrel.yaml (now ${seconds}) if it needs longer; otherwise look for an endless loop or a promise that never settles`,
        }),
      });
    }, Math.min(timeoutMs, MAX_TIMER_MS));

    worker.on('message', (m: unknown) => {
      const msg = m as WorkerMessage;
      if (msg && msg.kind === 'result') settle({ ok: true, value: msg.result });
      else if (msg && msg.kind === 'error') settle({ ok: false, error: stageError(uri, msg.stage, msg.message) });
    });
    worker.on('error', (e: unknown) => {
      const code = (e as { code?: unknown })?.code;
      if (code === 'ERR_WORKER_OUT_OF_MEMORY') {
        settle({ ok: false, error: failed(uri, `ran out of memory (limit ${request.memoryLimitMb ?? DEFAULT_MEMORY_MB} MB) and was stopped`) });
      } else {
        settle({ ok: false, error: failed(uri, `threw outside its analytics function: ${messageOf(e)}`) });
      }
    });
    worker.on('exit', (code: number) => {
      settle({
        ok: false,
        error: code === 0
          ? failed(uri, 'stopped without returning a result: it called process.exit, or its promise never settled and nothing was left for it to wait for')
          : failed(uri, `exited with code ${code} before returning a result`),
      });
    });
  });

  const { updates, display } = validateAnalyticsOutput(raw, inputs, `analytics ${uri}`);
  const result: AnalyticsResult = { module: modulePath, updates, output, elapsedMs: Date.now() - started };
  if (display) result.display = display;
  return result;
}

function stageError(uri: string, stage: string, message: string): KestrelError {
  switch (stage) {
    case 'load':
      return failed(uri, `could not be loaded: ${message}`);
    case 'export':
      return new KestrelError('E_ANALYTICS_NOT_FOUND', `analytics ${uri}: ${message}`, {
        hint: 'export the analytics function: export default function (inputs, params) { … }',
      });
    case 'send':
      return new KestrelError('E_ANALYTICS_BAD_OUTPUT', `analytics ${uri} returned a result that cannot be copied back: ${message}`, {
        hint: 'return plain data: objects, arrays, strings, numbers, booleans and null',
      });
    default:
      return failed(uri, message);
  }
}

function failed(uri: string, message: string): KestrelError {
  return new KestrelError('E_ANALYTICS_FAILED', `analytics ${uri} failed: ${message}`, {
    hint: 'the message comes from the analytics module; check the variables it was applied on and its WITH parameters',
  });
}

function messageOf(e: unknown): string {
  if (isKestrelError(e)) return e.message;
  if (e instanceof Error || (typeof e === 'object' && e !== null && typeof (e as Error).message === 'string')) {
    const err = e as Error;
    return err.name && err.name !== 'Error' ? `${err.name}: ${err.message}` : err.message;
  }
  return String(e);
}
