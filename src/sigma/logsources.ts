/**
 * Sigma logsources (product/category/service) as the Windows event-log channels and event ids they mean,
 * as data: the generic categories are Sysmon's events (SigmaHQ's sysmon and windows-audit pipelines), the
 * services are channels. A target may rename fields (Security 4688 says NewProcessName where Sysmon says
 * Image) and then lists the Sigma fields it has: a rule that reads any other field does not use that target
 * (so a filter on a field the event lacks never lets an event through).
 */
export interface LogTarget {
  /** A name for EXPLAIN and reports: `Sysmon 1`, `Security 4688`, `channel Security`. */
  label: string;
  channels: readonly string[];
  /** Absent: every event of the channels. */
  eventIds?: readonly number[];
  /** Sigma field to the event's own field. */
  fields?: Readonly<Record<string, string>>;
  /** When set, the only Sigma fields (after renaming: also the event's own) a rule may read for this target. */
  has?: readonly string[];
}

export const SYSMON = 'Microsoft-Windows-Sysmon/Operational';
const POWERSHELL = ['Microsoft-Windows-PowerShell/Operational', 'PowerShellCore/Operational'];
const POWERSHELL_CLASSIC = ['Windows PowerShell'];

const SYSTEM_FIELDS = ['EventID', 'Channel', 'Computer', 'Provider_Name', 'Provider_Guid', 'Level', 'Task', 'Opcode', 'Keywords', 'Version', 'EventRecordID'];

const sysmon = (label: string, ...eventIds: number[]): LogTarget => ({ label: `Sysmon ${label}`, channels: [SYSMON], eventIds });

export const CATEGORIES: Readonly<Record<string, readonly LogTarget[]>> = {
  process_creation: [
    sysmon('1', 1),
    {
      label: 'Security 4688',
      channels: ['Security'],
      eventIds: [4688],
      fields: { Image: 'NewProcessName', ParentImage: 'ParentProcessName' },
      has: [...SYSTEM_FIELDS, 'Image', 'ParentImage', 'CommandLine', 'SubjectUserSid', 'SubjectUserName', 'SubjectDomainName', 'SubjectLogonId', 'NewProcessId', 'NewProcessName', 'TokenElevationType', 'ProcessId', 'TargetUserSid', 'TargetUserName', 'TargetDomainName', 'TargetLogonId', 'ParentProcessName', 'MandatoryLabel'],
    },
  ],
  file_change: [sysmon('2', 2)],
  network_connection: [sysmon('3', 3)],
  sysmon_status: [sysmon('4, 16', 4, 16)],
  process_termination: [sysmon('5', 5)],
  driver_load: [sysmon('6', 6)],
  image_load: [sysmon('7', 7)],
  create_remote_thread: [sysmon('8', 8)],
  raw_access_thread: [sysmon('9', 9)],
  process_access: [sysmon('10', 10)],
  file_event: [sysmon('11', 11)],
  registry_add: [sysmon('12', 12)],
  registry_delete: [sysmon('12', 12)],
  registry_set: [sysmon('13', 13)],
  registry_rename: [sysmon('14', 14)],
  registry_event: [sysmon('12, 13, 14', 12, 13, 14)],
  create_stream_hash: [sysmon('15', 15)],
  pipe_created: [sysmon('17, 18', 17, 18)],
  wmi_event: [sysmon('19, 20, 21', 19, 20, 21)],
  dns_query: [sysmon('22', 22)],
  file_delete: [sysmon('23, 26', 23, 26)],
  clipboard_capture: [sysmon('24', 24)],
  process_tampering: [sysmon('25', 25)],
  file_block_executable: [sysmon('27', 27)],
  file_block_shredding: [sysmon('28', 28)],
  file_executable_detected: [sysmon('29', 29)],
  sysmon_error: [sysmon('255', 255)],
  ps_module: [{ label: 'PowerShell 4103', channels: POWERSHELL, eventIds: [4103] }],
  ps_script: [{ label: 'PowerShell 4104', channels: POWERSHELL, eventIds: [4104] }],
  ps_classic_start: [{ label: 'Windows PowerShell 400', channels: POWERSHELL_CLASSIC, eventIds: [400] }],
  ps_classic_provider_start: [{ label: 'Windows PowerShell 600', channels: POWERSHELL_CLASSIC, eventIds: [600] }],
  ps_classic_script: [{ label: 'Windows PowerShell 800', channels: POWERSHELL_CLASSIC, eventIds: [800] }],
};

export const SERVICES: Readonly<Record<string, readonly string[]>> = {
  security: ['Security'],
  system: ['System'],
  application: ['Application'],
  sysmon: [SYSMON],
  powershell: POWERSHELL,
  'powershell-classic': POWERSHELL_CLASSIC,
  taskscheduler: ['Microsoft-Windows-TaskScheduler/Operational'],
  wmi: ['Microsoft-Windows-WMI-Activity/Operational'],
  'dns-server': ['DNS Server'],
  'dns-server-audit': ['Microsoft-Windows-DNS-Server/Audit'],
  'dns-server-analytic': ['Microsoft-Windows-DNS-Server/Analytical'],
  'dns-client': ['Microsoft-Windows-DNS Client Events/Operational'],
  'driver-framework': ['Microsoft-Windows-DriverFrameworks-UserMode/Operational'],
  ntlm: ['Microsoft-Windows-NTLM/Operational'],
  dhcp: ['Microsoft-Windows-DHCP-Server/Operational'],
  'msexchange-management': ['MSExchange Management'],
  applocker: ['Microsoft-Windows-AppLocker/MSI and Script', 'Microsoft-Windows-AppLocker/EXE and DLL', 'Microsoft-Windows-AppLocker/Packaged app-Deployment', 'Microsoft-Windows-AppLocker/Packaged app-Execution'],
  'printservice-admin': ['Microsoft-Windows-PrintService/Admin'],
  'printservice-operational': ['Microsoft-Windows-PrintService/Operational'],
  'codeintegrity-operational': ['Microsoft-Windows-CodeIntegrity/Operational'],
  'smbclient-security': ['Microsoft-Windows-SmbClient/Security'],
  'smbclient-connectivity': ['Microsoft-Windows-SmbClient/Connectivity'],
  'smbserver-connectivity': ['Microsoft-Windows-SmbServer/Connectivity'],
  'firewall-as': ['Microsoft-Windows-Windows Firewall With Advanced Security/Firewall'],
  'bits-client': ['Microsoft-Windows-Bits-Client/Operational'],
  windefend: ['Microsoft-Windows-Windows Defender/Operational'],
  'terminalservices-localsessionmanager': ['Microsoft-Windows-TerminalServices-LocalSessionManager/Operational'],
  'microsoft-servicebus-client': ['Microsoft-ServiceBus-Client'],
  'appxdeployment-server': ['Microsoft-Windows-AppXDeploymentServer/Operational'],
  'appxpackaging-om': ['Microsoft-Windows-AppxPackaging/Operational'],
  'appmodel-runtime': ['Microsoft-Windows-AppModel-Runtime/Admin'],
  capi2: ['Microsoft-Windows-CAPI2/Operational'],
  'certificateservicesclient-lifecycle-system': ['Microsoft-Windows-CertificateServicesClient-Lifecycle-System/Operational'],
  'diagnosis-scripted': ['Microsoft-Windows-Diagnosis-Scripted/Operational'],
  'iis-configuration': ['Microsoft-IIS-Configuration/Operational'],
  ldap: ['Microsoft-Windows-LDAP-Client/Debug'],
  ldap_debug: ['Microsoft-Windows-LDAP-Client/Debug'],
  'lsa-server': ['Microsoft-Windows-LSA/Operational'],
  openssh: ['OpenSSH/Operational'],
  'security-mitigations': ['Microsoft-Windows-Security-Mitigations/Kernel Mode', 'Microsoft-Windows-Security-Mitigations/User Mode'],
  'shell-core': ['Microsoft-Windows-Shell-Core/Operational'],
  vhdmp: ['Microsoft-Windows-VHDMP/Operational'],
  'kernel-shimengine': ['Microsoft-Windows-Kernel-ShimEngine/Operational'],
};
