/**
 * kestrel-ts's own part of the OCSF model, as data: what Kestrel 2's tables leave out or map to STIX objects that
 * kestrel-ts models otherwise (decision 40). Values are written as in `fields-stix.yaml`.
 */

/** The STIX type kestrel-ts keeps each OCSF entity type (the values of `types-ocsf.yaml`, and `event`) as. */
export const OCSF_ENTITY_TYPES: Readonly<Record<string, string>> = {
  process: 'process',
  file: 'file',
  user: 'user-account',
  group: 'x-ocsf-group',
  endpoint: 'x-oca-asset',
  network_endpoint: 'ipv4-addr',
  network_traffic: 'network-traffic',
  connection: 'network-traffic',
  certificate: 'x509-certificate',
  email: 'email-message',
  reg_key: 'windows-registry-key',
  reg_value: 'x-ocsf-reg-value',
  managed_entity: 'x-ocsf-managed-entity',
  query_info: 'domain-name',
  event: 'x-oca-event',
};

/**
 * OCSF fields kestrel-ts maps beyond (or instead of) `fields-stix.yaml`, read after it: a host is an x-oca-asset
 * (Kestrel 2 maps `device` to an ipv4-addr), a process's user is its creator_user_ref, and an event's objects are
 * the x-oca-event's references (`event.process` is the event's `process` field).
 */
export const KESTREL_TS_FIELDS: Readonly<Record<string, string>> = {
  'process.created_time': 'process:created',
  'process.user.*': 'process:creator_user_ref.*',
  'process.parent_process.user.*': 'process:parent_ref.creator_user_ref.*',
  'process.parent_process.created_time': 'process:parent_ref.created',
  'endpoint.*': 'x-oca-asset.*',
  'endpoint.uid': 'x-oca-asset:device_id',
  'endpoint.name': 'x-oca-asset:hostname',
  'endpoint.hostname': 'x-oca-asset:hostname',
  'endpoint.os': 'x-oca-asset:os_name',
  'endpoint.ip': 'x-oca-asset:ip_refs.value',
  'endpoint.mac': 'x-oca-asset:mac_refs.value',
  'device.*': 'x-oca-asset.*',
  'device.uid': 'x-oca-asset:device_id',
  'device.name': 'x-oca-asset:hostname',
  'device.hostname': 'x-oca-asset:hostname',
  'device.os': 'x-oca-asset:os_name',
  'device.ip': 'x-oca-asset:ip_refs.value',
  'device.mac': 'x-oca-asset:mac_refs.value',
  'src_endpoint.mac': 'network-traffic:src_ref.resolves_to_refs.value',
  'dst_endpoint.mac': 'network-traffic:dst_ref.resolves_to_refs.value',
  'reg_key.path': 'windows-registry-key:key',
  'query.*': 'domain-name.*',
  'query.hostname': 'domain-name:value',
  'entity.*': 'x-ocsf-managed-entity.*',
  'group.*': 'x-ocsf-group.*',
  'reg_value.*': 'x-ocsf-reg-value.*',
  'event.process.*': 'x-oca-event:process_ref.*',
  'event.actor.process.*': 'x-oca-event:process_ref.*',
  'event.actor.user.*': 'x-oca-event:user_ref.*',
  'event.user.*': 'x-oca-event:user_ref.*',
  'event.device.*': 'x-oca-event:host_ref.*',
  'event.file.*': 'x-oca-event:file_ref.*',
  'event.reg_key.*': 'x-oca-event:registry_ref.*',
  'event.query.*': 'x-oca-event:domain_ref.*',
  'event.traffic.*': 'x-oca-event:network_ref.*',
  'event.src_endpoint.*': 'x-oca-event:network_ref.src_ref.*',
  'event.dst_endpoint.*': 'x-oca-event:network_ref.dst_ref.*',
  'event.entity.*': 'x-oca-event:entity_ref.*',
};

/**
 * The action kestrel-ts's event relations read (`src/model/event-relations.ts`) for an OCSF event's `type_uid`
 * (class_uid * 100 + activity_id), after the Sysmon codes `fields-ecs.yaml` gives each.
 */
export const TYPE_UID_ACTIONS: Readonly<Record<number, string>> = {
  100101: 'file_create',
  100103: 'write_send',
  100102: 'read_recv',
  100104: 'file_delete',
  100701: 'process_creation',
  100702: 'process_terminated',
  100703: 'process_access',
  100704: 'create_remote_thread',
  400101: 'network_connection',
  20100103: 'registry_value_set',
};
