import type { Statement } from '../../src/lang/ast';
import { parseOk, withoutLocs } from './parse-helpers';

/** Every Kestrel code block of the three blog posts in /work/shared/seeds, as published. */
const SEEDS: Record<string, string[]> = {
  'process-tree-from-ip': [
    `ip200 = GET ipv4-addr FROM stixshifter://host101
        WHERE [ipv4-addr:value = '72.21.81.200']
        START t'2021-04-01T00:00:00Z' STOP t'2021-04-06T00:00:00Z'`,
    `# obtain network traffic that has ip200 as the destination IP
ip200nt = FIND network-traffic ACCEPTED BY ip200
DISP ip200nt ATTR src_ref.value, src_port, dst_ref.value, dst_port

# obtain processes creating the network traffic
p = FIND process CREATED ip200nt
DISP p ATTR pid, name, command_line`,
    `DISP ip200nt ATTR dst_ref.value, dst_port`,
    `# get a subset of entities from variable \`p\`
bgdownloads = GET process FROM p WHERE [process:name = 'BackgroundDownload.exe']

# obtain parent processes of bgdownloads
bgdp = FIND process CREATED bgdownloads
DISP bgdp ATTR pid, name, command_line`,
    `# grandparent processes of \`BackgroundDownload.exe\`
bgdpp = FIND process CREATED bgdp`,
    `DISP bgdpp ATTR pid, name, command_line

bgdppnt = FIND network-traffic CREATED BY bgdpp
DISP bgdppnt ATTR src_ref.value, src_port, dst_ref.value, dst_port`,
  ],
  'scheduled-tasks-huntbook': [
    `# create Kestrel variable scheduler with the list of scheduler processes
scheduler = GET process FROM stixshifter://host101
WHERE [process:command_line = 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule']
START t'2021-04-03T00:00:00Z' STOP t'2021-04-04T00:00:00Z'`,
    `# first GET going through STIX shifter
svchost = GET process FROM stixshifter://host101
WHERE [process:name = 'svchost.exe']
START t'2021-04-03T00:00:00Z' STOP t'2021-04-04T00:00:00Z'
# second GET running locally against the returned/cached data from the first command
# no need to specify time range for GET from a Kestrel variable, check doc for more info
scheduler = GET process
FROM svchost
WHERE [process:command_line = 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule']`,
    `tasks = FIND process CREATED BY scheduler
DISP tasks ATTR name, command_line`,
    `# get only the amcet processes from all scheduled tasks
amcet = GET process FROM tasks WHERE [process:name = 'amcet.exe']
# find and display their child processes
amcet_child = FIND process CREATED BY amcet
DISP amcet_child ATTR name, command_line
# find and display their network traffic
nt = FIND network-traffic CREATED BY amcet
DISP nt ATTR dst_ref.value, dst_port`,
    `# find child processes of amcet_child
amcet_cc = FIND process CREATED BY amcet_child
DISP amcet_cc ATTR name, command_line
# find files read/written/executed by amcet_child
# Kestrel v1.0.8 only resolves the generic relation LINKED into STIX 2.0 references,
# which is limited to execution relation between processes and executables
amcet_f = FIND file LINKED amcet_child
DISP amcet_f ATTR name, parent_directory_ref.path`,
  ],
  'sysflow-hybrid-cloud': [
    `# get all \`ping\` processes on Oct 17, 2021 into Kestrel variable \`hello\`
hello = GET process FROM stixshifter://container1
WHERE [process:name = 'ping']
START t'2021-10-17T00:00:00Z' STOP t'2021-10-18T00:00:00Z'`,
    `exploits = GET process FROM stixshifter://container1
# The TTP tag simplifies enum \`process:name IN ('sh', 'bash', 'csh', ...)\`
# https://attack.mitre.org/techniques/T1059/
WHERE [process:parent_ref.name = 'node' AND process:x_ttp_tags LIKE '%T1059%']
START t'2021-10-17T00:00:00Z' STOP t'2021-10-18T00:00:00Z'`,
    `# What did the exploited process do,
# e.g., did it execute any commands?
# did it probe the host info?
# did it established a C&C?
# did it do anything harmful?
#
# Let's find child processes of the exploited processes and display them chronically
exp_spawn = FIND process CREATED BY exploits
exp_act = GET process FROM exp_spawn WHERE [process:name != 'bash']
exp_act = SORT exp_act BY created ASC
DISP exp_act ATTR created, pid, parent_ref.pid, name, command_line`,
  ],
};

/** "kind variable" of a GET, FIND, SORT or DISP statement. */
function summary(statement: Statement): string {
  return `${statement.kind} ${statement.kind === 'disp' ? statement.expr.variable : (statement as { target: string }).target}`;
}

describe.each(Object.entries(SEEDS))('the %s hunt', (_seed, blocks) => {
  test.each(blocks.map((block) => [block.split('\n').find((line) => !line.startsWith('#')), block]))(
    'parses the block %s',
    (_firstLine, block) => {
      expect(parseOk(block).statements.length).toBeGreaterThan(0);
    },
  );
});

test('the scheduled tasks hunt reads as its author meant', () => {
  const statements = SEEDS['scheduled-tasks-huntbook'].flatMap((block) => parseOk(block).statements);
  expect(statements.map(summary)).toEqual([
    'get scheduler', 'get svchost', 'get scheduler', 'find tasks', 'disp tasks', 'get amcet', 'find amcet_child',
    'disp amcet_child', 'find nt', 'disp nt', 'find amcet_cc', 'disp amcet_cc', 'find amcet_f', 'disp amcet_f',
  ]);
  expect(withoutLocs(statements[0])).toEqual({
    kind: 'get',
    target: 'scheduler',
    entityType: 'process',
    from: { kind: 'uris', uris: ['stixshifter://host101'] },
    where: {
      kind: 'comparison',
      entityType: 'process',
      attribute: 'command_line',
      op: '=',
      value: { kind: 'literal', value: 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule' },
    },
    timespan: { kind: 'absolute', start: '2021-04-03T00:00:00Z', stop: '2021-04-04T00:00:00Z' },
  });
  expect(withoutLocs(statements[2])).toMatchObject({ from: { kind: 'variable', name: 'svchost' } });
  expect(withoutLocs(statements[12])).toMatchObject({ entityType: 'file', relation: 'linked', reversed: false, input: 'amcet_child' });
});

test('the process tree hunt reads as its author meant', () => {
  const statements = SEEDS['process-tree-from-ip'].flatMap((block) => parseOk(block).statements);
  expect(statements.map(summary)).toEqual([
    'get ip200', 'find ip200nt', 'disp ip200nt', 'find p', 'disp p', 'disp ip200nt', 'get bgdownloads', 'find bgdp',
    'disp bgdp', 'find bgdpp', 'disp bgdpp', 'find bgdppnt', 'disp bgdppnt',
  ]);
  expect(withoutLocs(statements[1])).toMatchObject({
    entityType: 'network-traffic', relation: 'accepted', reversed: true, input: 'ip200',
  });
  expect(withoutLocs(statements[2])).toMatchObject({
    expr: { variable: 'ip200nt', attrs: ['src_ref.value', 'src_port', 'dst_ref.value', 'dst_port'] },
  });
});

test('the SysFlow hunt reads as its author meant', () => {
  const statements = SEEDS['sysflow-hybrid-cloud'].flatMap((block) => parseOk(block).statements);
  expect(statements.map(summary)).toEqual([
    'get hello', 'get exploits', 'find exp_spawn', 'get exp_act', 'sort exp_act', 'disp exp_act',
  ]);
  expect(withoutLocs(statements[1])).toMatchObject({
    where: {
      kind: 'and',
      left: { entityType: 'process', attribute: 'parent_ref.name', op: '=', value: { value: 'node' } },
      right: { entityType: 'process', attribute: 'x_ttp_tags', op: 'LIKE', value: { value: '%T1059%' } },
    },
    timespan: { start: '2021-10-17T00:00:00Z', stop: '2021-10-18T00:00:00Z' },
  });
  expect(withoutLocs(statements[4])).toEqual({
    kind: 'sort', target: 'exp_act', input: 'exp_act', attribute: 'created', order: 'asc',
  });
});
