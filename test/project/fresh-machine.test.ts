/**
 * On a machine without Chromium or Jupyter's Python packages `npm test` still passes: the suites that need them
 * skip, each saying on one line what is missing and how to install it; under CI=true a missing part fails them.
 * The parts are pointed at paths that do not exist (KESTREL_CHROMIUM, KESTREL_PYTHON).
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const SUITES = [
  'test/viz/view-browser.test.ts',
  'test/viz/view-aggregate-browser.test.ts',
  'test/cli/kernel-install.test.ts',
  'test/viz/gexf-networkx.test.ts',
  'samples/scheduled-tasks-huntbook/hunt.test.ts',
];
const MISSING = { KESTREL_CHROMIUM: '/nonexistent/chromium', KESTREL_PYTHON: '/nonexistent/python3' };

function jest(ci: boolean) {
  const env: NodeJS.ProcessEnv = { ...process.env, ...MISSING };
  if (ci) env.CI = 'true';
  else delete env.CI;
  const args = [path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', '--runTestsByPath', ...SUITES];
  const r = spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: 'utf8', timeout: 240_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('a machine without Chromium and Jupyter', () => {
  it('skips the suites that need them, each with a one-line reason and the install command', () => {
    const r = jest(false);
    expect(r.status).toBe(0);
    expect(r.output).toContain('skipped, /nonexistent/chromium is missing: apt-get install -y chromium, or set KESTREL_CHROMIUM');
    expect(r.output).toContain('skipped, /nonexistent/python3 does not run');
    expect(r.output).toContain('apt-get install -y python3-jupyter-client python3-nbclient python3-ipykernel python3-nbformat');
    expect(r.output).toContain('apt-get install -y python3-jupyter-client, or set KESTREL_PYTHON');
    // The kernel install tests that need no Python still run.
    expect(r.output).toMatch(/Tests: +\d+ skipped, [1-9]\d* passed/);
  }, 250_000);

  it('fails those suites under CI=true', () => {
    const r = jest(true);
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('/nonexistent/chromium is missing');
    expect(r.output).toContain('/nonexistent/python3 does not run');
  }, 250_000);
});
