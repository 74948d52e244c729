import fs from 'node:fs';
import path from 'node:path';
import * as ohm from 'ohm-js';

/** The Kestrel grammar, read once from kestrel.ohm next to this module. */
export const grammar = ohm.grammar(fs.readFileSync(path.join(__dirname, 'kestrel.ohm'), 'utf8'));
