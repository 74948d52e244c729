/** INFO: the Kestrel 1.x fields of a variable. */
import { hunt } from '../hunt';
import { outputOf } from './counting-session';

describe('INFO', () => {
  it('describes a GET and the variables built from it', async () => {
    const r = await hunt(`
      a = GET process FROM file://doctored-1k.json WHERE name = 'cmd.exe'
      b = FIND process CREATED BY a
      c = b WHERE name = a.name
      INFO a
      INFO b
      INFO c`);
    expect(outputOf(r, 'info', 0)).toEqual({
      kind: 'info',
      variable: 'a',
      data: {
        'Entity Type': 'process',
        'Number of Entities': 9,
        'Number of Records': 14,
        'Entity Attributes': ['command_line', 'created', 'name', 'pid'],
        'Indirect Attributes': ['binary_ref.*', 'creator_user_ref.*', 'parent_ref.*'],
        'Customized Attributes': [],
        'Birth Command': "a = GET process FROM file://doctored-1k.json WHERE name = 'cmd.exe'",
        'Associated Datasource': ['file://doctored-1k.json'],
        'Dependent Variables': [],
      },
    });
    expect(outputOf(r, 'info', 1).data).toMatchObject({
      'Entity Type': 'process',
      'Number of Entities': 7,
      'Number of Records': 7,
      'Birth Command': 'b = FIND process CREATED BY a',
      'Dependent Variables': ['a'],
    });
    expect(outputOf(r, 'info', 2).data).toMatchObject({
      'Number of Entities': 0,
      'Number of Records': 0,
      'Birth Command': 'c = b WHERE name = a.name',
      'Dependent Variables': ['b', 'a'],
    });
  });

  it('lists x_ attributes as customized and counts NEW entities', async () => {
    const r = await hunt(`
      p = NEW [{"type":"process","name":"cmd.exe","pid":1,"x_foo":"bar"},{"type":"process","name":"sh","pid":2}]
      INFO p`);
    expect(outputOf(r, 'info').data).toMatchObject({
      'Entity Type': 'process',
      'Number of Entities': 2,
      'Number of Records': 2,
      'Entity Attributes': ['name', 'pid'],
      'Customized Attributes': ['x_foo'],
      'Dependent Variables': [],
    });
  });
});
