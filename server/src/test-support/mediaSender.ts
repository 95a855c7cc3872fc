import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ack } from '@ca/signaling';
import type { SenderMessage, SenderOptions } from './media-sender.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** A participant sending real VP8 + Opus over WebRTC from a child process (media-sender.ts). */
export type MediaSender = {
  peerId: string;
  /** Every message it sent so far. */
  messages: SenderMessage[];
  /** Resolves once a message matching `match` came (or had come). */
  waitFor: (match: (m: SenderMessage) => boolean, timeoutMs?: number) => Promise<SenderMessage>;
  /** Sends a signaling request on its socket and resolves with the ack. */
  request: (name: string, payload?: unknown) => Promise<Ack<unknown>>;
  /** Leaves the meeting and ends the process. */
  leave: () => Promise<void>;
};

export async function startMediaSender(options: SenderOptions): Promise<MediaSender> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'media-sender.ts')], {
    env: { ...process.env, CA_SENDER: JSON.stringify(options) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const messages: SenderMessage[] = [];
  const waiters = new Set<() => void>();
  child.on('message', (m) => {
    messages.push(m as SenderMessage);
    for (const w of [...waiters]) w();
  });
  const waitFor = (match: (m: SenderMessage) => boolean, timeoutMs = 30_000) =>
    new Promise<SenderMessage>((resolve, reject) => {
      const check = () => {
        const found = messages.find(match);
        if (found) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`media sender: no such message within ${timeoutMs} ms; got ${JSON.stringify(messages)}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  const first = await waitFor((m) => m.type === 'producing' || m.type === 'error');
  if (first.type === 'error') throw new Error(`media sender failed: ${first.message}`);
  let calls = 0;
  const request = async (name: string, payload: unknown = {}) => {
    const id = ++calls;
    child.send({ id, name, payload });
    const answer = await waitFor((m) => m.type === 'ack' && m.id === id);
    return (answer as Extract<SenderMessage, { type: 'ack' }>).ack;
  };
  return {
    peerId: first.type === 'producing' ? first.peerId : '',
    messages,
    waitFor,
    request,
    leave: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send('leave');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
