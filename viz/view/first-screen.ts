/** Entities the view draws at first at most: past it the page opens with subtrees collapsed, and says so. */
export const FIRST_SCREEN = 1000;
