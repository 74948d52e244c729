// Puts the grammar beside the compiled parser, as text and as a precompiled Ohm recipe.
const fs = require('node:fs');
const path = require('node:path');
const ohm = require('ohm-js');

const root = path.join(__dirname, '..');
const source = fs.readFileSync(path.join(root, 'src/lang/kestrel.ohm'), 'utf8');
const out = path.join(root, 'dist/src/lang');
fs.copyFileSync(path.join(root, 'src/lang/kestrel.ohm'), path.join(out, 'kestrel.ohm'));
fs.writeFileSync(path.join(out, 'kestrel.recipe.json'), ohm.grammar(source).toRecipe());
