import { viewNotices } from '../../src/cli/view-command';
import type { ViewGraph } from '../../viz/view-graph';
import { FIRST_SCREEN } from '../../viz/view/first-screen';

const graphOf = (n: number, truncated = 0): ViewGraph => ({
  title: 't', edges: [], notes: { truncated, cycles: [], inferredRoots: [] },
  nodes: Array.from({ length: n }, (_, i) => ({ id: `process--${i}`, type: 'process', label: `p${i}`, attrs: {}, variables: [], records: [], recordCount: 0 })),
});

test('kestrel view says on the command line what the page aggregates or leaves out', () => {
  expect(viewNotices(graphOf(FIRST_SCREEN))).toEqual([]);
  expect(viewNotices(graphOf(FIRST_SCREEN + 1, 7))).toEqual([
    '7 more entities were not drawn: the graph reached its size bound',
    `${FIRST_SCREEN + 1} entities are more than the ${FIRST_SCREEN} the page draws at first: it opens aggregated, alike siblings grouped and subtrees collapsed (open them in the page)`,
  ]);
});
