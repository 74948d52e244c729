/** STIX cyber-observable types and their standard attributes (STIX 2.0/2.1, section 6 of each spec). */
const STANDARD_ATTRIBUTES: Record<string, readonly string[]> = {
  artifact: ['mime_type', 'payload_bin', 'url', 'hashes', 'encryption_algorithm', 'decryption_key'],
  'autonomous-system': ['number', 'name', 'rir'],
  directory: ['path', 'path_enc', 'created', 'modified', 'accessed', 'ctime', 'mtime', 'atime', 'contains_refs'],
  'domain-name': ['value', 'resolves_to_refs'],
  'email-addr': ['value', 'display_name', 'belongs_to_ref'],
  'email-message': [
    'is_multipart', 'date', 'content_type', 'from_ref', 'sender_ref', 'to_refs', 'cc_refs', 'bcc_refs',
    'message_id', 'subject', 'received_lines', 'additional_header_fields', 'body', 'body_multipart', 'raw_email_ref',
  ],
  file: [
    'extensions', 'hashes', 'size', 'name', 'name_enc', 'magic_number_hex', 'mime_type', 'created', 'modified',
    'accessed', 'ctime', 'mtime', 'atime', 'parent_directory_ref', 'is_encrypted', 'encryption_algorithm',
    'decryption_key', 'contains_refs', 'content_ref',
  ],
  'ipv4-addr': ['value', 'resolves_to_refs', 'belongs_to_refs'],
  'ipv6-addr': ['value', 'resolves_to_refs', 'belongs_to_refs'],
  'mac-addr': ['value'],
  mutex: ['name'],
  'network-traffic': [
    'extensions', 'start', 'end', 'is_active', 'src_ref', 'dst_ref', 'src_port', 'dst_port', 'protocols',
    'src_byte_count', 'dst_byte_count', 'src_packets', 'dst_packets', 'ipfix', 'src_payload_ref',
    'dst_payload_ref', 'encapsulates_refs', 'encapsulated_by_ref',
  ],
  process: [
    'extensions', 'is_hidden', 'pid', 'name', 'created', 'created_time', 'cwd', 'arguments', 'command_line',
    'environment_variables', 'opened_connection_refs', 'creator_user_ref', 'binary_ref', 'image_ref',
    'parent_ref', 'child_refs', 'x_unique_id',
  ],
  software: ['name', 'cpe', 'swid', 'languages', 'vendor', 'version'],
  url: ['value'],
  'user-account': [
    'extensions', 'user_id', 'credential', 'account_login', 'account_type', 'display_name', 'is_service_account',
    'is_privileged', 'can_escalate_privs', 'is_disabled', 'account_created', 'account_expires',
    'credential_last_changed', 'account_first_login', 'account_last_login',
  ],
  'windows-registry-key': ['key', 'values', 'modified', 'modified_time', 'creator_user_ref', 'number_of_subkeys'],
  'x509-certificate': [
    'is_self_signed', 'hashes', 'version', 'serial_number', 'signature_algorithm', 'issuer', 'validity_not_before',
    'validity_not_after', 'subject', 'subject_public_key_algorithm', 'subject_public_key_modulus',
    'subject_public_key_exponent', 'x509_v3_extensions',
  ],
  'x-oca-asset': ['device_id', 'hostname', 'host_id', 'name', 'ip_refs', 'mac_refs', 'os_name', 'os_version'],
  'x-oca-event': [
    'action', 'code', 'category', 'created', 'module', 'provider', 'outcome', 'agent', 'dataset', 'duration',
    'process_ref', 'parent_process_ref', 'target_process_ref', 'file_ref', 'user_ref', 'host_ref', 'network_ref',
    'registry_ref', 'domain_ref', 'entity_ref', 'original', 'timezone',
  ],
};

/** Attributes every entity of every type has in kestrel-ts. */
export const COMMON_ATTRIBUTES: readonly string[] = ['type', 'id'];

/** Attributes a record contributes when a transform (TIMESTAMPED, RECORDS, ADDOBSID) asks for them. */
export const RECORD_ATTRIBUTES: readonly string[] = [
  'first_observed', 'last_observed', 'number_observed', 'observation_id',
];

export const KNOWN_ENTITY_TYPES: readonly string[] = Object.keys(STANDARD_ATTRIBUTES);

/** Custom types follow the STIX convention `x-…`; any of them is valid. */
export function isKnownEntityType(type: string): boolean {
  return type in STANDARD_ATTRIBUTES || type.startsWith('x-');
}

export function standardAttributes(type: string): readonly string[] {
  return STANDARD_ATTRIBUTES[type] ?? [];
}

/** The attribute shown for an entity when a reference column is dereferenced (`parent_ref.name`). */
const LABEL_ATTRIBUTE: Record<string, string> = {
  artifact: 'url',
  'autonomous-system': 'number',
  directory: 'path',
  'domain-name': 'value',
  'email-addr': 'value',
  'email-message': 'subject',
  file: 'name',
  'ipv4-addr': 'value',
  'ipv6-addr': 'value',
  'mac-addr': 'value',
  mutex: 'name',
  process: 'name',
  software: 'name',
  url: 'value',
  'user-account': 'user_id',
  'windows-registry-key': 'key',
  'x509-certificate': 'serial_number',
  'x-oca-asset': 'hostname',
};

export function labelAttribute(type: string): string | undefined {
  return LABEL_ATTRIBUTE[type];
}

/** Where a reference points (STIX 2.0/2.1 common references, and those of x-oca-event). */
const REFERENCE_TYPES: Record<string, string> = {
  parent_ref: 'process',
  child_refs: 'process',
  binary_ref: 'file',
  image_ref: 'file',
  creator_user_ref: 'user-account',
  opened_connection_refs: 'network-traffic',
  parent_directory_ref: 'directory',
  contains_refs: 'file',
  content_ref: 'artifact',
  src_ref: 'ipv4-addr',
  dst_ref: 'ipv4-addr',
  src_payload_ref: 'artifact',
  dst_payload_ref: 'artifact',
  encapsulates_refs: 'network-traffic',
  encapsulated_by_ref: 'network-traffic',
  from_ref: 'email-addr',
  sender_ref: 'email-addr',
  to_refs: 'email-addr',
  cc_refs: 'email-addr',
  bcc_refs: 'email-addr',
  raw_email_ref: 'artifact',
  belongs_to_ref: 'user-account',
  process_ref: 'process',
  parent_process_ref: 'process',
  target_process_ref: 'process',
  entity_ref: 'x-ocsf-managed-entity',
  file_ref: 'file',
  user_ref: 'user-account',
  host_ref: 'x-oca-asset',
  network_ref: 'network-traffic',
  registry_ref: 'windows-registry-key',
  domain_ref: 'domain-name',
};

/** The entity type a reference reaches (an address reference: ipv4-addr; its value may say ipv6-addr). */
export function referenceType(ref: string): string | undefined {
  return REFERENCE_TYPES[ref];
}

/** The attribute a bare string fills in `NEW type ["a", "b"]` (Kestrel 1.x). */
const NEW_DEFAULT_ATTRIBUTE: Record<string, string> = {
  process: 'name',
  file: 'name',
  mutex: 'name',
  software: 'name',
  'user-account': 'user_id',
  directory: 'path',
  'autonomous-system': 'number',
  'windows-registry-key': 'key',
  'x509-certificate': 'serial_number',
};

export function newDefaultAttribute(type: string): string {
  return NEW_DEFAULT_ATTRIBUTE[type] ?? 'value';
}

/** Column order for a default DISP: the attributes hunters read first. */
const PREFERRED_COLUMNS: Record<string, readonly string[]> = {
  process: ['pid', 'name', 'command_line', 'created', 'x_unique_id'],
  file: ['name', 'hashes', 'size'],
  'network-traffic': ['src_port', 'dst_port', 'protocols', 'start', 'end'],
  'user-account': ['user_id', 'account_login', 'account_type'],
};

export function preferredColumns(type: string): readonly string[] {
  return PREFERRED_COLUMNS[type] ?? [];
}
