import { EVENT_ROLES, actorProcessRef, playsRole } from '../../src/model/event-roles';
import { isRelation } from '../../src/model/relations';
import { kestrel2Tables } from '../../src/model/kestrel2/tables';
import {
  ecsEntityField, ecsToOcsf, ocsfToStix, ocsfTypeOf, ocsfTypeOfField, projectionOf, stixProjectionField, stixToOcsf, stixTypeOf,
} from '../../src/model/kestrel2/ocsf';

describe("Kestrel 2's tables, read as PyYAML reads them", () => {
  test('the three tables load, anchors expanded and a repeated key keeping its last value', () => {
    const { stix, ecs, types } = kestrel2Tables();
    expect(types['process.parent_process']).toBe('process');
    expect((ecs.file as Record<string, unknown>).modified_time).toBe('file.mtime');
    expect(((stix.actor as Record<string, unknown>).process as Record<string, unknown>).cmd_line).toBe('process:command_line');
  });
});

describe('OCSF names of the STIX model', () => {
  test.each([
    ['process', 'cmd_line', 'command_line'],
    ['process', 'uid', 'x_unique_id'],
    ['process', 'file.name', 'binary_ref.name'],
    ['process', 'file.parent_folder', 'binary_ref.parent_directory_ref.path'],
    ['process', 'parent_process.user.name', 'parent_ref.creator_user_ref.account_login'],
    ['process', 'file.path', 'binary_ref.path'],
    ['user', 'name', 'account_login'],
    ['user', 'uid', 'user_id'],
    ['endpoint', 'name', 'hostname'],
    ['network_endpoint', 'ip', 'value'],
    ['reg_key', 'path', 'key'],
    ['query_info', 'hostname', 'value'],
    ['event', 'process.cmd_line', 'process_ref.command_line'],
    ['event', 'process.parent_process.uid', 'process_ref.parent_ref.x_unique_id'],
    ['event', 'device.os', 'host_ref.os_name'],
    ['event', 'src_endpoint.ip', 'network_ref.src_ref.value'],
  ])('ocsfToStix(%s, %s) is %s', (type, ocsf, stix) => expect(ocsfToStix(type, ocsf)).toBe(stix));

  test('what no table names maps to nothing', () => {
    expect(ocsfToStix('network_endpoint', 'port')).toBeUndefined();
    expect(ocsfToStix('event', 'time')).toBeUndefined();
    expect(ocsfToStix('thing', 'name')).toBeUndefined();
  });

  test.each([
    ['process', 'command_line', 'cmd_line'],
    ['process', 'binary_ref.name', 'file.name'],
    ['process', 'parent_ref.name', 'parent_process.name'],
    ['process', 'creator_user_ref.account_login', 'user.name'],
    ['process', 'created', 'created_time'],
    ['user-account', 'user_id', 'uid'],
    ['ipv4-addr', 'value', 'ip'],
    ['x-oca-asset', 'hostname', 'name'],
    ['x-oca-event', 'process_ref.command_line', 'process.cmd_line'],
  ])('stixToOcsf(%s, %s) is %s', (type, stix, ocsf) => expect(stixToOcsf(type, stix)).toBe(ocsf));

  test.each([
    ['process', 'entity_id', 'uid'],
    ['process', 'parent.name', 'parent_process.name'],
    ['user', 'id', 'uid'],
    ['endpoint', 'name', 'name'],
    ['event', 'process.command_line', 'process.cmd_line'],
  ])('ecsToOcsf(%s, %s) is %s', (type, ecs, ocsf) => expect(ecsToOcsf(type, ecs)).toBe(ocsf));

  test('entity types and projections', () => {
    expect(stixTypeOf('user')).toBe('user-account');
    expect(ocsfTypeOf('x-oca-asset')).toBe('endpoint');
    expect(ocsfTypeOfField('dst_endpoint')).toBe('network_endpoint');
    expect(ecsEntityField('host')).toBe('device');
    expect(ecsEntityField('process.parent.user')).toBe('process.parent_process.user');
    expect(projectionOf('dst_endpoint')).toEqual({ type: 'network-traffic', refs: ['dst_ref'] });
    expect(projectionOf('process.parent_process.user')).toEqual({ type: 'process', refs: ['parent_ref', 'creator_user_ref'] });
    expect(stixProjectionField('process', ['parent_ref'])).toBe('process.parent_process');
  });
});

describe("Kestrel 2's event relations", () => {
  test('an entity RESPONDED or ORIGINATED an event; a user CREATED a file', () => {
    expect(isRelation('process', 'responded', 'x-oca-event')).toBe(true);
    expect(isRelation('user-account', 'originated', 'x-oca-event')).toBe(true);
    expect(isRelation('x-oca-event', 'responded', 'process')).toBe(false);
    expect(isRelation('user-account', 'created', 'file')).toBe(true);
    expect(isRelation('process', 'updated', 'windows-registry-key')).toBe(true);
  });

  test("a creation event's process responded and its parent originated it", () => {
    const [responded, , originated, byOthers] = EVENT_ROLES;
    expect(playsRole(responded, 'process_creation')).toBe(true);
    expect(playsRole(originated, 'process_creation')).toBe(true);
    expect(playsRole(byOthers, 'process_creation')).toBe(false);
    expect(playsRole(byOthers, 'file_create')).toBe(true);
    expect(actorProcessRef('process_creation')).toBe('parent_process_ref');
    expect(actorProcessRef('file_create')).toBe('process_ref');
  });
});
