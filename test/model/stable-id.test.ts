/** Ids persist (a Neo4j database keeps them across runs): the same content must give the same id forever. */
import { stableId, stableStringify } from '../../src/model/stable-id';

test('ids are the name-based UUIDs they always were', () => {
  expect(stableId('process', 'guid|{a1}')).toBe('process--9a04c0f4-a5c5-5690-8b51-1913ba7a3d5d');
  expect(stableId('x-oca-event', '{"a":1}')).toBe('x-oca-event--89eeba6d-405c-57d9-bf09-b7d1b06a53b6');
});

test('stable JSON sorts keys at every level and leaves out undefined members', () => {
  expect(stableStringify({ z: undefined, y: { x: 1, b: [2, undefined, { d: null, c: 'é' }] }, a: [] })).toBe(
    '{"a":[],"y":{"b":[2,null,{"c":"é","d":null}],"x":1}}',
  );
  expect(stableStringify({ z: undefined })).toBe('{}');
});
