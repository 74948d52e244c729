import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as avro from 'avsc';
import { sysflowConnector } from '../../../connectors/sysflow';
import { column, counts, hunt } from '../../hunt';

describe('sysflow traces in hunts', () => {
  it('walks parent to child through poid: FIND process CREATED BY', async () => {
    const r = await hunt(`
      cgi = GET process FROM sysflow://sysflow/cron.sf WHERE pid = 752398
      kids = FIND process CREATED BY cgi
      DISP kids ATTR pid, name, parent_ref.pid
      grandkids = FIND process CREATED BY kids
      DISP grandkids ATTR pid, name, parent_ref.name`);
    expect(counts(r)).toMatchObject({ cgi: [1, expect.any(Number)], kids: [1, expect.any(Number)], grandkids: [1, expect.any(Number)] });
    expect(column(r, 'pid', 0)).toEqual([752399]);
    expect(column(r, 'parent_ref.pid', 0)).toEqual([752398]);
    expect(column(r, 'name', 1)).toEqual(['chmod']);
    expect(column(r, 'parent_ref.name', 1)).toEqual(['bash-vulnerable']);
  });

  it('counts the distinct processes of apache.sf as the shared README does', async () => {
    const r = await hunt('ps = GET process FROM file://sysflow/apache.sf WHERE pid > 0');
    expect(counts(r).ps[0]).toBe(9);
  });
});

describe('sysflow records of a type the connector does not map', () => {
  it('keeps each as an x-oca-event record and warns once', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sf-')), 'k8s.sf');
    const schema = {
      type: 'record', name: 'SysFlow', namespace: 'sysflow',
      fields: [{ name: 'rec', type: [{ type: 'record', name: 'sysflow.event.K8sEvent', fields: [{ name: 'ts', type: 'long' }, { name: 'message', type: 'string' }] }] }],
    };
    const encoder = avro.createFileEncoder(file, avro.Type.forSchema(schema as avro.Schema, { wrapUnions: true }));
    encoder.write({ rec: { 'sysflow.event.K8sEvent': { ts: 1_683_705_588_013, message: 'a' } } });
    encoder.write({ rec: { 'sysflow.event.K8sEvent': { ts: 1_683_705_588_014, message: 'b' } } });
    await new Promise((resolve) => encoder.end(resolve));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const warnings: string[] = [];
    const obs = [];
    for await (const o of sysflowConnector.read(file, { baseDir: '/', onWarning: (w) => warnings.push(w) })) obs.push(o);
    expect(obs.map((o) => o.objects.map((x) => [x.type, x.attrs.x_record_type]))).toEqual([[['x-oca-event', 'K8sEvent']], [['x-oca-event', 'K8sEvent']]]);
    expect(warnings.filter((w) => w.includes('K8sEvent'))).toHaveLength(1);
  });
});
