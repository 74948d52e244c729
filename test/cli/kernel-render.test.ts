/** What a notebook shows for a cell: HTML with every data string escaped, plain-text fallbacks, the summary, errors. */
import type { BlockResult } from '../../src/engine/session';
import { renderError, renderOutput, renderSummary, renderView } from '../../src/cli/kernel/render-output';
import { inspect, wordAt } from '../../src/cli/kernel/inspect';
import { toCodePoints, toUtf16 } from '../../src/cli/kernel/code-points';

const HOSTILE = `<img src=x onerror="alert('x')">&amp;`;

describe('kernel rendering', () => {
  it('escapes every cell, column and title of a DISP table, and keeps the plain text of kestrel run', () => {
    const bundle = renderOutput({ kind: 'disp', variable: 'procs', columns: ['pid', 'name<'], rows: [[4, HOSTILE], [5, null]] });
    expect(bundle['text/html']).toBe([
      '<p><b>DISP procs</b> (2 rows)</p>',
      '<table class="kestrel">',
      '<thead><tr><th>pid</th><th>name&#60;</th></tr></thead>',
      '<tbody>',
      '<tr><td>4</td><td>&#60;img src=x onerror=&#34;alert(&#39;x&#39;)&#34;&#62;&#38;amp;</td></tr>',
      '<tr><td>5</td><td></td></tr>',
      '</tbody>',
      '</table>',
    ].join('\n'));
    expect(bundle['text/plain']).toMatch(/^DISP procs \(2 rows\)\npid\s+name<\n4\s+<img src=x/);
  });

  it('renders INFO as a key-value table and EXPLAIN as preformatted text', () => {
    const info = renderOutput({ kind: 'info', variable: 'x', data: { 'Entity Type': 'process', Attributes: ['pid', HOSTILE] } });
    expect(info['text/html']).toContain('<tr><td>Attributes</td><td>pid, &#60;img');
    expect(info['text/plain']).toMatch(/^INFO x\n/);
    const explain = renderOutput({ kind: 'explain', variable: 'x', data: { dag: [{ id: 1, kind: 'get', detail: HOSTILE, inputs: [] }], queries: [] } } as never);
    expect(explain['text/html']).toMatch(/^<pre>EXPLAIN x\ndataflow:\n  #1 get +&#60;img/);
  });

  it('closes a cell with the execution summary, and leaves it out when a failed block kept nothing', () => {
    const block: BlockResult = { outputs: [], variables: [{ name: 'x', type: 'process', entities: 2, records: 3 }], errors: [], warnings: [], elapsedMs: 1234 };
    const summary = renderSummary(block)!;
    expect(summary['text/plain']).toMatch(/^\[SUMMARY\] block executed in 1\.23 seconds\nVARIABLE\s+TYPE\s+#\(ENTITIES\)\s+#\(RECORDS\)\nx\s+process\s+2\s+3$/);
    expect(summary['text/html']).toContain('<p><b>[SUMMARY]</b> block executed in 1.23 seconds</p>');
    expect(summary['text/html']).toContain('<tr><td>x</td><td>process</td><td>2</td><td>3</td></tr>');
    expect(renderSummary({ ...block, variables: [], errors: [{ code: 'E_SYNTAX', message: 'bad' }] })).toBeUndefined();
  });

  it('gives an error its code, message and the caret excerpt as the traceback', () => {
    const e = renderError({ code: 'E_SYNTAX', message: 'unexpected "x"', file: 'In[3]', line: 1, column: 6, excerpt: '1 | DISP x y\n  |      ^', hint: 'fix it' });
    expect(e).toEqual({
      ename: 'E_SYNTAX',
      evalue: 'unexpected "x"',
      traceback: ['error[E_SYNTAX]: unexpected "x"', '  --> In[3]:1:6', '  1 | DISP x y', '    |      ^', '  hint: fix it', '  see docs/errors.md#e_syntax'],
    });
  });

  it('puts the provenance view in a sandboxed frame behind a toggle, its page escaped into srcdoc', () => {
    const html = renderView('<!DOCTYPE html><script>var a = "</iframe>";</script>', ['tasks', '<x>'])['text/html'];
    expect(html).toBe('<details><summary>provenance view: tasks, &#60;x&#62;</summary>\n' +
      '<iframe sandbox="allow-scripts" srcdoc="&#60;!DOCTYPE html&#62;&#60;script&#62;var a = &#34;&#60;/iframe&#62;&#34;;&#60;/script&#62;" style="width:100%;height:600px;border:1px solid #ccc"></iframe>\n</details>');
  });

  it('inspects a variable (type and counts) or a keyword (one line of help)', () => {
    const vars = new Map([['procs', { name: 'procs', type: 'process', entities: 3, records: 9 }]]);
    expect(wordAt('DISP procs ATTR', 7)).toBe('procs');
    expect(inspect('procs', vars)).toBe('procs: process variable, 3 entities, 9 records');
    expect(inspect('disp', vars)).toMatch(/^DISP x \[ATTR/);
    expect(inspect('ASC', vars)).toBe('ASC: a Kestrel keyword');
    expect(inspect('nothing', vars)).toBeUndefined();
  });

  it('converts cursor positions between code points (Jupyter) and UTF-16 units', () => {
    const text = 'a🦅b';
    expect(toUtf16(text, 2)).toBe(3);
    expect(toCodePoints(text, 3)).toBe(2);
    expect(toUtf16(text, 99)).toBe(text.length);
  });
});
