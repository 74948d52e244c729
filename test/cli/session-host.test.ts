/** The session host over the compiled worker (`npm test` builds first): progress and start-up errors reach the front end. */
import { SessionHost } from '../../src/cli/session-host';
import { fixture } from './run-cli';
import { SESSION_WORKER } from './local-runner';

describe('session host', () => {
  it('passes on how far reads have come, and answers with the block', async () => {
    const progress: [string, number, boolean][] = [];
    const host = new SessionHost({ script: SESSION_WORKER, onProgress: (source, records, done) => progress.push([source, records, done]) });
    try {
      expect(await host.opened).toBeUndefined();
      const { result } = await host.run(`procs = GET process FROM file://${fixture('doctored-1k.json')} WHERE name = 'cmd.exe'`, '/tmp/hunt.hf');
      expect(result.errors).toEqual([]);
      expect(progress).toContainEqual([`file://${fixture('doctored-1k.json')}`, expect.any(Number), true]);
    } finally {
      await host.close();
    }
  });

  it('says why the session could not open', async () => {
    const host = new SessionHost({ script: SESSION_WORKER, backend: 'nope' });
    try {
      expect(await host.opened).toMatchObject({ code: 'E_NOT_IMPLEMENTED' });
    } finally {
      await host.close();
    }
  });
});
