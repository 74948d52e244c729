/** A script element for a page's own code; refuses code that could end the element or open a comment in it. */
export function inlineScript(js: string): string {
  if (/<\/script|<!--/i.test(js)) throw new Error('a script to inline contains "</script" or "<!--"');
  return `<script>${js}</script>`;
}
