import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadEcsNdjson } from '../../../connectors/postgresql';
import { startPgCluster, type PgCluster } from '../../pg-cluster';
import { expectServerHuntGrew, follow, linesOf, serverHunt, shellRecords, tempDir } from '../../engine/follow/replay';
import { describeWithPostgres, EVENTS_FILE } from './cluster';

const HUNT = (uri: string) => serverHunt(uri, ['cmd.exe', 'powershell.exe', 'cscript.exe']);

describeWithPostgres('kestrel run --follow over a PostgreSQL table (the real test cluster)', () => {
  let cluster: PgCluster | undefined;
  beforeAll(async () => {
    cluster = await startPgCluster();
  }, 60_000);
  afterAll(async () => cluster?.stop());

  it('polls the table on its id: rows inserted while the hunt runs update it, and it ends as a one-shot run over the table', async () => {
    const uri = `${cluster!.uri}?table=live`;
    const dir = tempDir();
    const lines = linesOf(EVENTS_FILE).filter((l) => l.trim());
    const part = (from: number, to: number) => {
      const file = path.join(dir, `part-${from}.ndjson`);
      fs.writeFileSync(file, lines.slice(from, to).map((l) => `${l}\n`).join(''));
      return file;
    };
    await loadEcsNdjson(uri, part(0, 200));
    const huntFile = path.join(dir, 'hunt.hf');
    const f = await follow(HUNT(uri), huntFile, 50, 500);
    try {
      const before = await shellRecords(f);
      for (let i = 200; i < lines.length; i += 150) await loadEcsNdjson(uri, part(i, Math.min(i + 150, lines.length)));
      await expectServerHuntGrew(f, before, HUNT(uri), huntFile);
    } finally {
      await f.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
