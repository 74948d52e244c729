import fs from 'node:fs';
import path from 'node:path';
import * as ohm from 'ohm-js';

const RECIPE = path.join(__dirname, 'kestrel.recipe.json');

/**
 * The Kestrel grammar from kestrel.ohm next to this module. The build also writes it precompiled as an
 * Ohm recipe, which loads in milliseconds where compiling the grammar text takes a third of a second.
 */
// ohm-js exports makeRecipe at run time without declaring it in its types.
const { makeRecipe } = ohm as unknown as { makeRecipe(recipe: unknown): ohm.Grammar };

export const grammar: ohm.Grammar = fs.existsSync(RECIPE)
  ? makeRecipe(JSON.parse(fs.readFileSync(RECIPE, 'utf8')))
  : ohm.grammar(fs.readFileSync(path.join(__dirname, 'kestrel.ohm'), 'utf8'));
