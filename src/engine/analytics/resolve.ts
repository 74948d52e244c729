import * as fs from 'node:fs';
import * as path from 'node:path';
import { KestrelError } from '../../model/errors';

const MODULE_EXTENSIONS = ['.mjs', '.js', '.cjs'];
const INDEX_FILES = ['index.mjs', 'index.js', 'index.cjs'];

/**
 * The absolute path of the module an APPLY names: `js://name` through `profiles`, or a path (optionally
 * `file://`) relative to `baseDir`. A profile holds a path (relative ones resolve against `baseDir`) or the
 * name of a package installed in node_modules. A folder stands for its index.mjs/index.js/index.cjs.
 * Throws E_ANALYTICS_NOT_FOUND for an unknown name, another scheme, a missing file or a non-module file.
 */
export function resolveAnalytics(uri: string, baseDir: string, profiles: Record<string, string>): string {
  const scheme = /^([A-Za-z][\w+.-]*):\/\//.exec(uri)?.[1]?.toLowerCase();
  let target: string;
  if (scheme === 'js') {
    const name = uri.slice('js://'.length);
    const known = Object.keys(profiles).sort();
    if (!Object.prototype.hasOwnProperty.call(profiles, name)) {
      throw new KestrelError('E_ANALYTICS_NOT_FOUND', `unknown analytics ${uri}: known js:// analytics are ${known.length ? known.join(', ') : '(none configured)'}`, {
        hint: 'js:// names are the analytics.profiles of kestrel.yaml (name: module path or package); or APPLY a module by its path, e.g. APPLY ./my-analytic.mjs ON …',
      });
    }
    const module = profiles[name];
    const asPath = path.resolve(baseDir, module);
    const pkg = !fs.existsSync(asPath) && isBareSpecifier(module) ? packageEntry(module, [baseDir, process.cwd()]) : undefined;
    if (pkg === null) {
      throw new KestrelError('E_ANALYTICS_NOT_FOUND', `analytics ${uri}: ${module} is neither a file (${asPath}) nor a package installed in node_modules (from ${baseDir} or ${process.cwd()} upwards)`, {
        hint: `correct the path in analytics.profiles, or install the package (npm install ${module.split('/').slice(0, module.startsWith('@') ? 2 : 1).join('/')})`,
      });
    }
    target = pkg ?? asPath;
  } else if (scheme === 'file') {
    target = path.resolve(baseDir, uri.slice('file://'.length));
  } else if (scheme !== undefined) {
    throw new KestrelError('E_ANALYTICS_NOT_FOUND', `analytics ${uri}: kestrel-ts does not run ${scheme}:// analytics`, {
      hint: 'kestrel-ts runs JavaScript analytics (js://name, a configured profile, or a path to an .mjs/.js module) and Python ones (python://name, a profile of pythonanalytics.yaml)',
    });
  } else {
    target = path.resolve(baseDir, uri);
  }
  return moduleFile(uri, target);
}

function moduleFile(uri: string, target: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    throw new KestrelError('E_ANALYTICS_NOT_FOUND', `analytics ${uri}: no file ${target}`, {
      hint: 'a relative path is relative to the huntflow\'s folder',
    });
  }
  if (stat.isDirectory()) {
    const index = INDEX_FILES.map((f) => path.join(target, f)).find((f) => fs.existsSync(f));
    if (!index) {
      throw new KestrelError('E_ANALYTICS_NOT_FOUND', `analytics ${uri}: folder ${target} has no ${INDEX_FILES.join(', ')}`, {
        hint: `put the analytics entry point in ${path.join(target, INDEX_FILES[0])}, or name the file itself`,
      });
    }
    return index;
  }
  if (!MODULE_EXTENSIONS.includes(path.extname(target).toLowerCase())) {
    throw new KestrelError('E_ANALYTICS_NOT_FOUND', `analytics ${uri}: ${target} is not a JavaScript module`, {
      hint: `an analytics is an ES module (${MODULE_EXTENSIONS.join(', ')}) whose default export is the analytics function`,
    });
  }
  return target;
}

/** `name`, `@scope/name` or `name/sub/path`: what a profile holds when it names an installed package. */
function isBareSpecifier(spec: string): boolean {
  return !path.isAbsolute(spec) && !spec.startsWith('.') && /^(@[\w.-]+\/)?[\w.-]+(\/[^\\]*)?$/.test(spec);
}

/**
 * The entry file of an installed package, looked up in node_modules from each root upwards, or null if no
 * package has the name. The entry is the "import" or "default" condition of `exports["."]`, else `module`, else `main`,
 * else index.mjs/index.js; `name/sub/path` is that file inside the package.
 */
function packageEntry(spec: string, roots: string[]): string | null {
  const parts = spec.split('/');
  const nameLength = spec.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, nameLength).join('/');
  const sub = parts.slice(nameLength).join('/');
  for (const root of roots) {
    for (let dir = path.resolve(root); ; dir = path.dirname(dir)) {
      const folder = path.join(dir, 'node_modules', name);
      if (fs.existsSync(path.join(folder, 'package.json'))) {
        if (sub) return path.join(folder, sub);
        let manifest: Record<string, unknown> = {};
        try {
          manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as Record<string, unknown>;
        } catch {
          // An unreadable manifest: fall back to the index files.
        }
        const entry = exportsEntry(manifest.exports) ?? stringOr(manifest.module) ?? stringOr(manifest.main);
        return entry ? path.join(folder, entry) : folder;
      }
      if (path.dirname(dir) === dir) break;
    }
  }
  return null;
}

function exportsEntry(exp: unknown): string | undefined {
  if (typeof exp === 'string') return exp;
  if (!exp || typeof exp !== 'object' || Array.isArray(exp)) return undefined;
  const map = exp as Record<string, unknown>;
  if ('.' in map) return exportsEntry(map['.']);
  for (const condition of ['import', 'node', 'default', 'require']) {
    const hit = exportsEntry(map[condition]);
    if (hit) return hit;
  }
  return undefined;
}

function stringOr(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}
