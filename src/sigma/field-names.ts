/**
 * Where each format keeps what Sigma calls a field, as data. Sigma names are Sysmon's and the Windows event's
 * own (`Image`, `TargetObject`, `EventID`, `Provider_Name`); each format lists the paths to try, in order.
 * Fields not listed are read by their own name from the event data (evtx `EventData`/`UserData`, OTRF top
 * level, ECS `winlog.event_data.<name>`).
 */
export type EventFormat = 'evtx' | 'otrf' | 'ecs';

/** evtx JSON (`Event.System`): the System fields Sigma names, as paths below `Event.System`. */
export const EVTX_SYSTEM: Readonly<Record<string, readonly string[]>> = {
  EventID: ['EventID'],
  Channel: ['Channel'],
  Computer: ['Computer'],
  Provider_Name: ['Provider.#attributes.Name'],
  Provider_Guid: ['Provider.#attributes.Guid'],
  Level: ['Level'],
  Task: ['Task'],
  Opcode: ['Opcode'],
  Keywords: ['Keywords'],
  Version: ['Version'],
  EventRecordID: ['EventRecordID'],
};

/** OTRF/NXLog flat events: the System fields under the names NXLog writes. */
export const OTRF_ALIASES: Readonly<Record<string, readonly string[]>> = {
  Computer: ['Computer', 'Hostname'],
  Provider_Name: ['Provider_Name', 'SourceName', 'ProviderName'],
  EventID: ['EventID', 'EventId'],
};

/** ECS documents (Winlogbeat): SigmaHQ's ecs_windows names, then `winlog.event_data.<field>`. */
export const ECS_FIELDS: Readonly<Record<string, readonly string[]>> = {
  EventID: ['winlog.event_id', 'event.code'],
  Channel: ['winlog.channel'],
  Computer: ['winlog.computer_name', 'host.name'],
  Provider_Name: ['winlog.provider_name', 'event.provider'],
  Image: ['process.executable'],
  CommandLine: ['process.command_line'],
  CurrentDirectory: ['process.working_directory'],
  ProcessId: ['process.pid'],
  ProcessGuid: ['process.entity_id'],
  OriginalFileName: ['process.pe.original_file_name'],
  Description: ['process.pe.description'],
  Product: ['process.pe.product'],
  Company: ['process.pe.company'],
  ParentImage: ['process.parent.executable'],
  ParentCommandLine: ['process.parent.command_line'],
  ParentProcessId: ['process.parent.pid'],
  ParentProcessGuid: ['process.parent.entity_id'],
  NewProcessName: ['process.executable'],
  ParentProcessName: ['process.parent.executable'],
  TargetFilename: ['file.path'],
  ImageLoaded: ['file.path'],
  Signed: ['file.code_signature.signed'],
  Signature: ['file.code_signature.subject_name'],
  SignatureStatus: ['file.code_signature.status'],
  TargetObject: ['registry.path'],
  Details: ['registry.data.strings'],
  DestinationIp: ['destination.ip'],
  DestinationPort: ['destination.port'],
  DestinationHostname: ['destination.domain'],
  SourceIp: ['source.ip'],
  SourcePort: ['source.port'],
  SourceHostname: ['source.domain'],
  Protocol: ['network.transport'],
  QueryName: ['dns.question.name'],
  PipeName: ['file.name'],
  ScriptBlockText: ['powershell.file.script_block_text'],
};
