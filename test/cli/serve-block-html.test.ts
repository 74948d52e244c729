/** What the explorer's page shows of a block: HTML tables with escaped data, errors placed in their block or file. */
import type { BlockResult } from '../../src/engine/session';
import { blockHtml, PAGE_ROWS } from '../../src/cli/serve-block-html';

const result = (r: Partial<BlockResult>): BlockResult => ({ outputs: [], variables: [], errors: [], warnings: [], elapsedMs: 0, ...r });
const noBlock = () => undefined;

describe('the explorer page\'s block HTML', () => {
  it(`shows the first ${PAGE_ROWS} rows of a long DISP and says how to see the rest`, () => {
    const rows = Array.from({ length: PAGE_ROWS + 5 }, (_, i) => [i]);
    const html = blockHtml(result({ outputs: [{ kind: 'disp', variable: 'p', columns: ['pid'], rows }] }), noBlock);
    expect(html).toContain(`DISP p</b> (${PAGE_ROWS + 5} rows)`);
    expect(html.match(/<tr><td>/g)).toHaveLength(PAGE_ROWS);
    expect(html).toContain(`the first ${PAGE_ROWS} of ${PAGE_ROWS + 5} rows`);
  });

  it('escapes data and messages, and shows their control characters', () => {
    const html = blockHtml(result({
      outputs: [{ kind: 'disp', variable: 'p', columns: ['<th>'], rows: [['"><script>x</script>']] }],
      warnings: ['a <b> warning\u001b[2J'],
    }), noBlock);
    expect(html).toContain('<th>&#60;th&#62;</th>');
    expect(html).toContain('<td>&#34;&#62;&#60;script&#62;x&#60;/script&#62;</td>');
    expect(html).toContain('warning: a &#60;b&#62; warning\\x1b[2J');
    expect(html).not.toContain('<script');
  });

  it('places an error in its block (a button to edit it there) or in the data file it names', () => {
    const inBlock = blockHtml(result({ errors: [{ code: 'E_SYNTAX', message: 'bad', file: '/d/<block 2>', line: 3, column: 4 }] }),
      (f) => (f === '/d/<block 2>' ? 2 : undefined));
    expect(inBlock).toContain('<button class="at" data-block="2" data-line="3" data-column="4" title="edit the block there">block 2, line 3, column 4</button>');
    const inFile = blockHtml(result({ errors: [{ code: 'E_BAD_INPUT_FILE', message: 'truncated', file: '/d/<x>.json', line: 7, column: 1 }] }), noBlock);
    expect(inFile).toContain('<p class="where">in /d/&#60;x&#62;.json:7:1</p>');
  });
});
