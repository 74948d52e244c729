import type { GraphStore } from '../../graph/graph-store';
import type { VariableNode } from '../ir/nodes';
import { dependencies } from '../ir/nodes';
import type { EntitySet } from './entity-set';
import { recordsOfSet } from './records';

function dependentVariables(v: VariableNode): string[] {
  const names = new Set<string>();
  const walk = (n: Parameters<typeof dependencies>[0]) => {
    for (const d of dependencies(n)) {
      if (d.kind === 'variable') names.add(d.name);
      else walk(d);
    }
  };
  walk(v.input);
  return [...names];
}

/** INFO: what a variable holds and where it came from (Kestrel 1.x fields). */
export async function info(store: GraphStore, v: VariableNode, set: EntitySet, dataSources: string[]): Promise<Record<string, unknown>> {
  const attrs = new Set<string>();
  for (const e of await store.entities(set.ids)) for (const k of Object.keys(e.attrs)) attrs.add(k);
  const refs = new Set<string>();
  for (const edge of await store.edgeNames(set.type)) {
    if ((await store.neighbors(set.ids, edge, 'out')).size) refs.add(edge);
  }
  const all = [...attrs].sort();
  return {
    'Entity Type': set.type,
    'Number of Entities': set.ids.length,
    'Number of Records': (await recordsOfSet(store, set)).length,
    'Entity Attributes': all.filter((a) => !a.startsWith('x_')),
    'Indirect Attributes': [...refs].sort().map((r) => `${r}.*`),
    'Customized Attributes': all.filter((a) => a.startsWith('x_')),
    'Birth Command': v.origin.statement,
    'Associated Datasource': dataSources,
    'Dependent Variables': dependentVariables(v),
  };
}
