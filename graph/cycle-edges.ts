/** A directed edge between two entity ids. */
export interface Edge {
  from: string;
  to: string;
}

/**
 * The candidates, earliest first, that close the cycles of the graph made of `edges` and the
 * candidates: a candidate closes a cycle when its target still reaches its source once the candidates
 * already reported are taken out (so one cycle is reported once, however many candidates it holds).
 * Tarjan's components rule out first, in linear time, the candidates that lie on no cycle at all.
 */
export function cycleEdges(edges: readonly Edge[], candidates: readonly Edge[]): Edge[] {
  const out = new Map<string, string[]>();
  for (const e of [...edges, ...candidates]) {
    const list = out.get(e.from);
    if (list) list.push(e.to);
    else out.set(e.from, [e.to]);
  }
  const component = components(out);
  const cut = new Set<string>();
  const found: Edge[] = [];
  for (const e of candidates) {
    const c = component.get(e.from);
    if (c === undefined || c !== component.get(e.to)) continue;
    const key = edgeKey(e.from, e.to);
    if (cut.has(key)) continue;
    cut.add(key);
    if (reaches(out, cut, e.to, e.from)) found.push(e);
    else cut.delete(key);
  }
  return found;
}

const edgeKey = (from: string, to: string) => `${from}\u0000${to}`;

function reaches(out: ReadonlyMap<string, readonly string[]>, cut: ReadonlySet<string>, from: string, to: string): boolean {
  const seen = new Set([from]);
  const todo = [from];
  while (todo.length) {
    const n = todo.pop()!;
    if (n === to) return true;
    for (const t of out.get(n) ?? []) {
      if (seen.has(t) || cut.has(edgeKey(n, t))) continue;
      seen.add(t);
      todo.push(t);
    }
  }
  return false;
}

/** Component number of every node that has an out-edge or is the target of one. */
function components(out: ReadonlyMap<string, readonly string[]>): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const component = new Map<string, number>();
  let counter = 0;
  for (const root of out.keys()) {
    if (index.has(root)) continue;
    const calls: { node: string; next: number }[] = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (calls.length) {
      const call = calls[calls.length - 1];
      const targets = out.get(call.node) ?? [];
      if (call.next < targets.length) {
        const t = targets[call.next++];
        if (!index.has(t)) {
          index.set(t, counter);
          low.set(t, counter++);
          stack.push(t);
          onStack.add(t);
          calls.push({ node: t, next: 0 });
        } else if (onStack.has(t)) {
          low.set(call.node, Math.min(low.get(call.node)!, index.get(t)!));
        }
        continue;
      }
      calls.pop();
      if (calls.length) {
        const parent = calls[calls.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(call.node)!));
      }
      if (low.get(call.node) !== index.get(call.node)) continue;
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.set(member, index.get(call.node)!);
      } while (member !== call.node);
    }
  }
  return component;
}
