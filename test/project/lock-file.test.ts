import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

test('npm ci accepts the committed lock file (package.json and package-lock.json are in sync)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kestrel-lock-'));
  try {
    copyFileSync(join(root, 'package.json'), join(dir, 'package.json'));
    copyFileSync(join(root, 'package-lock.json'), join(dir, 'package-lock.json'));
    const run = () =>
      execFileSync('npm', ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund'], {
        cwd: dir,
        stdio: 'pipe',
        encoding: 'utf8',
      });
    expect(run).not.toThrow();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
