/**
 * What a compiled rule reads from an event: field values by Sigma name (the view maps names to the event's
 * format) and every value, for keywords. One view per event; `lower` caches case-folded strings for it.
 */
export interface EventView {
  get(field: string): unknown;
  leaves(): unknown[];
}
