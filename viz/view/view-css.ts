/** The view's stylesheet, inlined into the page. */
export const VIEW_CSS = `
* { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; font: 13px/1.4 system-ui, sans-serif; color: #222; background: #fff; }
header { display: flex; align-items: center; gap: 12px; padding: 6px 12px; border-bottom: 1px solid #ddd; }
header h1 { font-size: 15px; margin: 0; flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
#search { width: 300px; max-width: 40vw; padding: 4px 6px; }
#hits { min-width: 60px; color: #555; }
.notes { margin: 0; padding: 4px 12px 4px 30px; background: #fff4d6; border-bottom: 1px solid #e8c872; max-height: 30vh; overflow: auto; }
.notes li { margin: 2px 0; }
.notes summary { cursor: pointer; }
.notes details input { margin: 4px 0; width: 260px; }
.roots { max-height: 6em; overflow: auto; }
.link { border: 0; background: none; padding: 0; color: #0b57d0; text-decoration: underline; cursor: pointer; font: inherit; text-align: left; }
#query { padding: 4px 12px; border-bottom: 1px solid #ddd; }
#query pre { margin: 4px 0; max-height: 30vh; overflow: auto; background: #f6f6f6; padding: 6px; white-space: pre-wrap; }
main { flex: 1; display: flex; min-height: 0; }
#graph-area { flex: 1; min-width: 0; display: flex; flex-direction: column; }
#legend { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 12px; padding: 4px 10px; border-bottom: 1px solid #eee; font-size: 12px; }
#legend .item { display: inline-flex; align-items: center; gap: 4px; }
#legend .key { color: #666; }
.swatch { display: inline-block; width: 11px; height: 11px; border: 1px solid #333; }
#cy { flex: 1; min-height: 0; position: relative; }
#timeline { position: relative; height: 64px; border-top: 1px solid #ddd; background: #fafafa; }
#timeline canvas { width: 100%; height: 100%; display: block; cursor: crosshair; touch-action: none; }
#brush { position: absolute; top: 0; bottom: 14px; background: rgba(11, 87, 208, .18); border: 1px solid #0b57d0; pointer-events: none; }
#time-mark { position: absolute; top: 0; bottom: 14px; width: 2px; margin-left: -1px; background: #c00; pointer-events: none; }
aside { width: 380px; max-width: 40%; display: flex; flex-direction: column; border-left: 1px solid #ddd; min-height: 0; }
#panel { flex: 0 1 auto; max-height: 55%; overflow: auto; padding: 8px 12px; border-bottom: 1px solid #ddd; }
#panel h2 { font-size: 14px; margin: 0 0 6px; word-break: break-all; }
#panel h3 { font-size: 13px; margin: 10px 0 4px; }
#panel button { margin: 4px 4px 4px 0; }
#panel ul { padding-left: 18px; margin: 4px 0; }
#table-wrap { flex: 1; overflow: auto; }
#pager { padding: 4px 8px; }
#pager:empty { display: none; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 2px 6px; border-bottom: 1px solid #eee; }
td { overflow-wrap: break-word; }
th { position: sticky; top: 0; background: #f3f3f3; }
table.records td, table.records th { font-size: 12px; }
#nodes td:nth-child(1), #nodes td:nth-child(3) { white-space: nowrap; }
#nodes tbody tr { cursor: pointer; }
#nodes tbody tr:hover { background: #f0f6ff; }
#nodes tbody tr.current { background: #d6e6ff; }
`;
