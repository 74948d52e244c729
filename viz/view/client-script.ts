import { CLIENT_DRAW } from './client-draw';
import { CLIENT_FOREST } from './client-forest';
import { CLIENT_LAYOUT } from './client-layout';
import { CLIENT_PANEL } from './client-panel';
import { CLIENT_TIMELINE } from './client-timeline';
import { FOLD_AT } from '../exporters/fold-leaf-groups';
import { FIRST_SCREEN } from './first-screen';

/**
 * The view's own script, inlined into the page after cytoscape.js (or after the loader that asks the notebook for
 * it, which fires `kestrel-cytoscape` once it has run it). Its parts share one scope: the forest (`client-forest`),
 * what is shown and where (`client-layout`), drawing (`client-draw`), the panel, table, search and banner
 * (`client-panel`) and the timeline (`client-timeline`). The body gets data-state="ready" once the first layout
 * is drawn; `window.kestrelView` is the hook tests and benchmarks use.
 */
export const CLIENT_SCRIPT = String.raw`
(function () {
  'use strict';
  const FOLD_AT = ${FOLD_AT}, GROUP_AT = 3, DX = 190, DY = 96, FONT = 13, LABEL_MAX = 22, MIN_ZOOM = 0.8, MAX_ZOOM = 1.5;
  const FIRST_SCREEN = ${FIRST_SCREEN}, ROOTS_LISTED = 100, TABLE_PAGE = 1000;
  const run = () => {
` + CLIENT_FOREST + CLIENT_LAYOUT + CLIENT_DRAW + CLIENT_PANEL + CLIENT_TIMELINE + String.raw`
  const hook = { renderedMs: undefined };
  window.kestrelView = hook;
  fillBanner();
  fillLegend();
  draw(() => {
    wireTimeline();
    const box = $('search');
    box.addEventListener('input', () => search(box.value));
    box.addEventListener('keydown', (e) => { if (e.key === 'Enter') next(); });
    cy.on('tap', 'node', (e) => { showPanel(e.target.id()); markRow(e.target.id()); markTime(e.target.id()); });
    cy.on('dbltap', 'node', (e) => { if (toggle(e.target.id())) showPanel(e.target.id()); });
    cy.on('select', 'node', (e) => e.target.connectedEdges('.cross').addClass('near'));
    cy.on('unselect', 'node', (e) => e.target.connectedEdges('.cross').removeClass('near'));
    // Element.visible() is cached until the next frame; the computed style is current.
    const shown = (el) => el.pstyle('display').value !== 'none';
    Object.assign(hook, {
      cy, search, next, toggle, brush, select: (id) => { focus(id); markTime(id); },
      nodeCount: () => cy.nodes().filter(shown).length,
      edgeCount: () => cy.edges().filter((e) => shown(e) && shown(e.source()) && shown(e.target())).length,
    });
    cy.one('render', () => {
      hook.renderedMs = performance.now();
      performance.mark('kestrel-rendered');
      document.body.dataset.state = 'ready';
      setTimeout(() => showPage(0), 0);
    });
  });
  };
  if (window.cytoscape) run();
  else window.addEventListener('kestrel-cytoscape', run, { once: true });
})();
`;
