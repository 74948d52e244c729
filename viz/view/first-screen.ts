/** Nodes the view draws at first at most (what one screen shows readably): past it the page opens aggregated (siblings of one kind grouped, subtrees collapsed) and says so. */
export const FIRST_SCREEN = 100;
