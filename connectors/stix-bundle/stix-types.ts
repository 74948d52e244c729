/** STIX 2.1 types that are not cyber-observables: domain objects, relationships and meta objects. */
const NOT_OBSERVABLE = new Set([
  'attack-pattern', 'campaign', 'course-of-action', 'grouping', 'identity', 'incident', 'indicator',
  'infrastructure', 'intrusion-set', 'location', 'malware', 'malware-analysis', 'note', 'observed-data',
  'opinion', 'report', 'threat-actor', 'tool', 'vulnerability', 'relationship', 'sighting',
  'marking-definition', 'language-content', 'extension-definition', 'bundle',
]);

/** Custom `x-*` types count as observables: stix-shifter emits x-oca-event, x-ibm-finding, … as SCOs. */
export function isObservableType(type: string): boolean {
  return !NOT_OBSERVABLE.has(type);
}
