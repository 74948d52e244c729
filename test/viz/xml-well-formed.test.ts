import { xmlProblems } from './xml-well-formed';

describe('the XML well-formedness check the exporter tests rely on', () => {
  it('accepts a well-formed document', () => {
    expect(xmlProblems('<?xml version="1.0"?>\n<a x="1 &amp; 2" y=\'&#10;\'><b/><!-- c --><c>&lt;t&gt; ]]&gt;</c></a>\n')).toEqual([]);
  });

  it.each([
    ['a raw < in an attribute', '<a x="<b>"></a>'],
    ['a raw & in text', '<a>AT&T</a>'],
    ['a raw & in an attribute', '<a x="&nope"></a>'],
    ['a quote that ends the attribute early', '<a x=""quoted""></a>'],
    ['tags that do not nest', '<a><b></a></b>'],
    ['an unclosed tag', '<a><b></a>'],
    [']]> in text', '<a>]]></a>'],
    ['a NUL', '<a>\u0000</a>'],
    ['an ESC', '<a x="\u001b"></a>'],
    ['two roots', '<a/><b/>'],
    ['a comment with --', '<a><!-- a -- b --></a>'],
  ])('rejects %s', (_what, xml) => {
    expect(xmlProblems(xml)).not.toEqual([]);
  });
});
