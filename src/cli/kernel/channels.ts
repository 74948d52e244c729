import * as zmq from 'zeromq';
import { endpoint, type ConnectionInfo } from './connection-file';
import { decode, encode, type Message } from './wire';

/** How long a closing socket keeps trying to deliver what is queued (the shutdown reply). */
const LINGER_MS = 1000;

/** One ZeroMQ socket; sends go one at a time, as zeromq.js requires. */
class Channel {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly socket: zmq.Router | zmq.Publisher | zmq.Reply, private readonly key: string) {}

  send(m: Message): Promise<void> {
    const frames = encode(this.key, m);
    // After shutdown, what a stopped cell still has to say goes nowhere.
    const sent = this.queue.then(() => (this.socket.closed ? undefined : this.socket.send(frames)));
    this.queue = sent.catch(() => undefined);
    return sent;
  }

  /**
   * Handles each well-signed message received, one after the other, until the socket closes; malformed or
   * badly signed ones are dropped, and a handler's failure is logged without ending the loop.
   */
  async listen(handle: (m: Message) => Promise<void>, log: (line: string) => void): Promise<void> {
    const socket = this.socket as zmq.Router;
    try {
      for await (const frames of socket) {
        const m = decode(this.key, frames);
        if (!m) {
          log('ignored a message that is malformed or not signed with the connection key');
          continue;
        }
        await handle(m).catch((e: unknown) => log(`failed to answer ${m.header.msg_type}: ${(e as Error)?.message ?? String(e)}`));
      }
    } catch (e) {
      if (!socket.closed) log(`stopped listening: ${(e as Error)?.message ?? String(e)}`);
    }
  }
}

/** The kernel's sockets: shell and control (ROUTER), iopub (PUB), stdin (ROUTER), heartbeat (REP). */
export interface Channels {
  shell: Channel;
  control: Channel;
  iopub: Channel;
  close(): void;
}

export async function openChannels(info: ConnectionInfo): Promise<Channels> {
  const options = { linger: LINGER_MS };
  const shell = new zmq.Router(options);
  const control = new zmq.Router(options);
  const iopub = new zmq.Publisher(options);
  const stdin = new zmq.Router(options);
  const heartbeat = new zmq.Reply(options);
  const sockets = [shell, control, iopub, stdin, heartbeat];
  try {
    await shell.bind(endpoint(info, info.shell_port));
    await control.bind(endpoint(info, info.control_port));
    await iopub.bind(endpoint(info, info.iopub_port));
    await stdin.bind(endpoint(info, info.stdin_port));
    await heartbeat.bind(endpoint(info, info.hb_port));
  } catch (e) {
    for (const s of sockets) s.close();
    throw e;
  }
  void echo(heartbeat);
  return {
    shell: new Channel(shell, info.key),
    control: new Channel(control, info.key),
    iopub: new Channel(iopub, info.key),
    close: () => {
      for (const s of sockets) s.close();
    },
  };
}

/** The heartbeat: every ping comes straight back. */
async function echo(socket: zmq.Reply): Promise<void> {
  try {
    for await (const frames of socket) await socket.send(frames);
  } catch {
    // closed
  }
}
