import { parseOk, statementOf } from './parse-helpers';

describe('assignments', () => {
  test('VAR = expression copies a variable', () => {
    expect(statementOf('ip1 = newips')).toEqual({ kind: 'assign', target: 'ip1', expr: { variable: 'newips' } });
  });

  test('an expression takes a transform and its clauses in order', () => {
    expect(statementOf('x = TIMESTAMPED(conns) WHERE pid > 10 ATTR pid, name SORT BY pid ASC LIMIT 5 OFFSET 2')).toEqual({
      kind: 'assign',
      target: 'x',
      expr: {
        transform: 'TIMESTAMPED',
        variable: 'conns',
        where: { kind: 'comparison', attribute: 'pid', op: '>', value: { kind: 'literal', value: 10 } },
        attrs: ['pid', 'name'],
        sort: { attribute: 'pid', order: 'asc' },
        limit: 5,
        offset: 2,
      },
    });
  });

  test.each(['TIMESTAMPED', 'ADDOBSID', 'RECORDS'])('the %s transform', (transform) => {
    expect(statementOf(`x = ${transform.toLowerCase()}(y)`)).toEqual({
      kind: 'assign', target: 'x', expr: { transform, variable: 'y' },
    });
  });

  test('VAR = VAR + VAR (+ VAR)* merges', () => {
    expect(statementOf('ip3 = ip1 + ip2 + ip4')).toEqual({ kind: 'merge', target: 'ip3', inputs: ['ip1', 'ip2', 'ip4'] });
  });

  test('a command with a result without VAR = assigns to _', () => {
    expect(statementOf('sort conns by dst_port asc')).toEqual({
      kind: 'sort', target: '_', input: 'conns', attribute: 'dst_port', order: 'asc',
    });
  });

  test('a statement ends at the end of its line unless the grammar continues it', () => {
    const { statements } = parseOk('x = y\nSORT y BY pid\nz = GET process\n  FROM x\n  WHERE pid = 1');
    expect(statements.map((statement) => statement.kind)).toEqual(['assign', 'sort', 'get']);
  });
});

describe('commands with a result', () => {
  test('GET with every clause', () => {
    expect(
      statementOf("conns = GET network-traffic FROM file://x.json WHERE dst_port = 22 LAST 5 minutes LIMIT 10"),
    ).toEqual({
      kind: 'get',
      target: 'conns',
      entityType: 'network-traffic',
      from: { kind: 'uris', uris: ['file://x.json'] },
      where: { kind: 'comparison', attribute: 'dst_port', op: '=', value: { kind: 'literal', value: 22 } },
      timespan: { kind: 'relative', amount: 5, unit: 'minute' },
      limit: 10,
    });
  });

  test('GET without FROM', () => {
    expect(statementOf("b = GET process WHERE name = 'svchost.exe'")).toEqual({
      kind: 'get',
      target: 'b',
      entityType: 'process',
      where: { kind: 'comparison', attribute: 'name', op: '=', value: { kind: 'literal', value: 'svchost.exe' } },
    });
  });

  test.each(['process.parent.user', 'process:parent_ref', 'network-traffic:dst_ref'])('GET a Kestrel 2 projection: %s', (projection) => {
    expect(statementOf(`x = GET ${projection} FROM if://ds WHERE name = 'alice'`)).toMatchObject({ kind: 'get', entityType: projection });
  });

  test('FIND … RELATION BY var is reversed and lower-cases the relation', () => {
    expect(statementOf('tasks = FIND process CREATED BY scheduler')).toEqual({
      kind: 'find', target: 'tasks', entityType: 'process', relation: 'created', reversed: true, input: 'scheduler',
    });
  });

  test('FIND with WHERE, timespan and LIMIT', () => {
    expect(
      statementOf("srcs = FIND ipv4-addr Created conns WHERE value != '10.0.0.1' START 2020-06-30T19:25:00Z STOP 2020-06-30T19:26:00Z LIMIT 1"),
    ).toEqual({
      kind: 'find',
      target: 'srcs',
      entityType: 'ipv4-addr',
      relation: 'created',
      reversed: false,
      input: 'conns',
      where: { kind: 'comparison', attribute: 'value', op: '!=', value: { kind: 'literal', value: '10.0.0.1' } },
      timespan: { kind: 'absolute', start: '2020-06-30T19:25:00Z', stop: '2020-06-30T19:26:00Z' },
      limit: 1,
    });
  });

  test('GROUP by attributes', () => {
    expect(statementOf('grps = group conns by src_ref.value, dst_ref.value')).toEqual({
      kind: 'group',
      target: 'grps',
      input: 'conns',
      by: [{ kind: 'attribute', attribute: 'src_ref.value' }, { kind: 'attribute', attribute: 'dst_ref.value' }],
    });
  });

  test('GROUP by BIN with aggregations and aliases', () => {
    expect(
      statementOf('per_min = group ts_conns by bin(first_observed, 1m), src_port with count(dst_port) as count, MAX(dst_ref.value)'),
    ).toEqual({
      kind: 'group',
      target: 'per_min',
      input: 'ts_conns',
      by: [
        { kind: 'bin', attribute: 'first_observed', size: 1, unit: 'minute' },
        { kind: 'attribute', attribute: 'src_port' },
      ],
      aggregations: [
        { func: 'COUNT', attribute: 'dst_port', alias: 'count' },
        { func: 'MAX', attribute: 'dst_ref.value' },
      ],
    });
  });

  test.each(['MIN', 'MAX', 'SUM', 'AVG', 'COUNT', 'NUNIQUE'])('the %s aggregation', (func) => {
    expect(statementOf(`g = GROUP x BY a WITH ${func}(b)`)).toMatchObject({ aggregations: [{ func, attribute: 'b' }] });
  });

  test('GROUP by a BIN without a unit', () => {
    expect(statementOf('g = GROUP conns BY BIN(src_port, 10000)')).toMatchObject({
      by: [{ kind: 'bin', attribute: 'src_port', size: 10000 }],
    });
  });

  test('JOIN with and without BY', () => {
    expect(statementOf('risk_ips = JOIN ips, assets by value, value')).toEqual({
      kind: 'join', target: 'risk_ips', left: 'ips', right: 'assets', leftAttr: 'value', rightAttr: 'value',
    });
    expect(statementOf('j = JOIN a, b')).toEqual({ kind: 'join', target: 'j', left: 'a', right: 'b' });
  });

  test('LOAD a simple path AS a type, and a quoted path', () => {
    expect(statementOf('assets = LOAD data/test_input_data_ips.csv AS ipv4-addr')).toEqual({
      kind: 'load', target: 'assets', path: 'data/test_input_data_ips.csv', entityType: 'ipv4-addr',
    });
    expect(statementOf('x = LOAD "my data/conns.parquet.gz"')).toEqual({
      kind: 'load', target: 'x', path: 'my data/conns.parquet.gz',
    });
  });

  test('NEW type with a list of strings', () => {
    expect(statementOf('newips = NEW ipv4-addr ["127.0.0.1", \'127.0.1.15\']')).toEqual({
      kind: 'new', target: 'newips', entityType: 'ipv4-addr', data: ['127.0.0.1', '127.0.1.15'],
    });
  });

  test('NEW with a list of JSON objects, nested values included', () => {
    const source = `ref = NEW [{"type": "process", "name": "", "pid": 4},
      {"type": "process", "pid": -1.5, "ok": true, "no": FALSE, "none": null, "list": [1, {"a": []}], "obj": {}}]`;
    expect(statementOf(source)).toEqual({
      kind: 'new',
      target: 'ref',
      data: [
        { type: 'process', name: '', pid: 4 },
        { type: 'process', pid: -1.5, ok: true, no: false, none: null, list: [1, { a: [] }], obj: {} },
      ],
    });
  });

  test('SORT with and without an order', () => {
    expect(statementOf('exp_act = SORT exp_act BY created DESC')).toEqual({
      kind: 'sort', target: 'exp_act', input: 'exp_act', attribute: 'created', order: 'desc',
    });
    expect(statementOf('s = SORT x BY pid')).toEqual({ kind: 'sort', target: 's', input: 'x', attribute: 'pid' });
  });
});

describe('commands without a result', () => {
  test('APPLY on one variable', () => {
    expect(statementOf('APPLY python://domain-enrichment ON conns')).toEqual({
      kind: 'apply', analytics: 'python://domain-enrichment', inputs: ['conns'], params: [],
    });
  });

  test('APPLY on several variables WITH parameters of every value form', () => {
    expect(statementOf("APPLY docker://plot ON a, b WITH XPARAM=first_observed, YPARAM='binary_ref.name', Z=varx.pid, L=(1, 2)")).toEqual({
      kind: 'apply',
      analytics: 'docker://plot',
      inputs: ['a', 'b'],
      params: [
        { key: 'XPARAM', value: { kind: 'literal', value: 'first_observed' } },
        { key: 'YPARAM', value: { kind: 'literal', value: 'binary_ref.name' } },
        { key: 'Z', value: { kind: 'reference', variable: 'varx', attribute: 'pid' } },
        { key: 'L', value: { kind: 'list', items: [{ kind: 'literal', value: 1 }, { kind: 'literal', value: 2 }] } },
      ],
    });
  });

  test('DISP an expression', () => {
    expect(statementOf('DISP ip200nt ATTR src_ref.value, src_port')).toEqual({
      kind: 'disp', expr: { variable: 'ip200nt', attrs: ['src_ref.value', 'src_port'] },
    });
    expect(statementOf('DISP procs SORT BY pid ASC LIMIT 2 OFFSET 1')).toEqual({
      kind: 'disp', expr: { variable: 'procs', sort: { attribute: 'pid', order: 'asc' }, limit: 2, offset: 1 },
    });
  });

  test('INFO, SAVE, DESCRIBE and EXPLAIN', () => {
    expect(statementOf('INFO tasks')).toEqual({ kind: 'info', variable: 'tasks' });
    expect(statementOf('SAVE conns TO /tmp/conns.parquet.gz')).toEqual({
      kind: 'save', variable: 'conns', path: '/tmp/conns.parquet.gz',
    });
    expect(statementOf("save conns to 'out dir/conns.csv'")).toEqual({
      kind: 'save', variable: 'conns', path: 'out dir/conns.csv',
    });
    expect(statementOf('DESCRIBE newvar.binary_ref.name')).toEqual({
      kind: 'describe', variable: 'newvar', attribute: 'binary_ref.name',
    });
    expect(statementOf('EXPLAIN queries')).toEqual({ kind: 'explain', variable: 'queries' });
  });
});

describe('locations', () => {
  const source = 'x = y\n\ntasks = FIND process CREATED BY scheduler  # children\nDISP tasks';
  const { statements } = parseOk(source);
  const at = (text: string, from = 0) => source.indexOf(text, from);

  test('a statement spans its whole text', () => {
    expect(statements[1].loc).toEqual({
      line: 3, column: 1, start: at('tasks'), end: at('scheduler') + 'scheduler'.length,
    });
  });

  test('named parts carry their own location', () => {
    const find = statements[1];
    if (find.kind !== 'find') throw new Error(find.kind);
    expect(find.entityTypeLoc).toEqual({ line: 3, column: 14, start: at('process'), end: at('process') + 7 });
    expect(find.relationLoc).toMatchObject({ line: 3, column: 22 });
    expect(find.inputLoc).toMatchObject({ line: 3, column: 33, start: at('scheduler') });
    const disp = statements[2];
    if (disp.kind !== 'disp') throw new Error(disp.kind);
    expect(disp.expr.variableLoc).toEqual({ line: 4, column: 6, start: at('tasks', at('DISP')), end: source.length });
  });

  test('the huntflow keeps its file name and source', () => {
    expect(parseOk(source)).toMatchObject({ file: '<input>', source });
  });
});
