/**
 * `kernel.js` of the kernelspec: the classic notebook loads it (an AMD module with `onload`) and it defines a
 * CodeMirror 5 mode `kestrel` (MIME text/x-kestrel) for huntflows: keywords (any case), comments, strings,
 * timestamps t'…', numbers, data-source URIs, STIX brackets. JupyterLab does not load kernel.js and shows
 * cells as plain text.
 */
export function codemirrorModeScript(keywords: readonly string[]): string {
  return `// Syntax highlighting of Kestrel huntflows (CodeMirror 5 mode "kestrel"), written by \`kestrel kernel install\`.
define(['codemirror/lib/codemirror'], function (CodeMirror) {
  'use strict';
  var KEYWORDS = ${JSON.stringify(Object.fromEntries(keywords.map((k) => [k, true])))};

  function token(stream) {
    if (stream.eatSpace()) return null;
    if (stream.match(/^#.*/)) return 'comment';
    if (stream.match(/^[rt]?'(?:[^'\\\\]|\\\\.)*'?/) || stream.match(/^[rt]?"(?:[^"\\\\]|\\\\.)*"?/)) {
      return /^t/.test(stream.current()) ? 'string-2' : 'string';
    }
    if (stream.match(/^[A-Za-z][A-Za-z0-9+.-]*:\\/\\/\\S*/)) return 'link';
    if (stream.match(/^-?[0-9]+(\\.[0-9]+)?/)) return 'number';
    if (stream.match(/^[A-Za-z_][A-Za-z0-9_-]*/)) {
      return Object.prototype.hasOwnProperty.call(KEYWORDS, stream.current().toUpperCase()) ? 'keyword' : 'variable';
    }
    if (stream.match(/^[\\[\\]{}()]/)) return 'bracket';
    if (stream.match(/^(==|!=|<=|>=|[=<>+*,.:])/)) return 'operator';
    stream.next();
    return null;
  }

  return {
    onload: function () {
      CodeMirror.defineMode('kestrel', function () {
        return { token: token, lineComment: '#' };
      });
      CodeMirror.defineMIME('text/x-kestrel', 'kestrel');
    },
  };
});
`;
}
