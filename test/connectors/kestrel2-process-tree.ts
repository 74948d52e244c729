import type { BlockResult } from '../../src/engine/session';
import { column, counts } from '../hunt';

/** Kestrel 2's ECS process-creation events (fixtures/kestrel2/logs_ecs_process_creation.csv): bash, its parent and children. */
export const bashTree = (source: string) => `
      bash = GET process FROM ${source} WHERE name = 'bash'
      kids = FIND process CREATED BY bash
      parent = FIND process CREATED bash
      DISP kids ATTR name, pid, command_line, binary_ref.name SORT BY pid ASC`;

/** What `bashTree` finds in those events, whichever Kestrel 2 interface serves them. */
export function expectBashTree(r: BlockResult): void {
  expect(counts(r).bash[0]).toBe(1);
  expect(column(r, 'name')).toEqual(['uname', 'cat', 'ping', 'curl']);
  expect(column(r, 'binary_ref.name')).toEqual(['uname', 'cat', 'ping', 'curl']);
  expect(counts(r).parent[0]).toBe(1);
}
