/** The build writes each event-log mapping as JSON for the compiled connector (`npm test` builds first). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.join(__dirname, '..', '..', '..');
const SOURCE = path.join(ROOT, 'connectors', 'event-logs', 'mappings');
const BUILT = path.join(ROOT, 'dist', 'connectors', 'event-logs', 'mappings');

test.each(fs.readdirSync(SOURCE).filter((n) => n.endsWith('.yaml')))('%s is built as JSON with the same content', (name) => {
  const built = JSON.parse(fs.readFileSync(path.join(BUILT, name.replace(/\.yaml$/, '.json')), 'utf8'));
  expect(built).toEqual(parse(fs.readFileSync(path.join(SOURCE, name), 'utf8'), { merge: true }));
});
