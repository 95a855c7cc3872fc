import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type Received = { to: string[]; data: string };

export type TestSmtp = {
  server: SMTPServer;
  port: number;
  /** Every message accepted, in order. */
  received: Received[];
  /** Every recipient the server was offered (accepted or refused), in order. */
  offered: string[];
  close: () => Promise<void>;
};

/**
 * A real SMTP server on loopback that keeps what it receives. `refuse` answers an SMTP code
 * and message for recipients it refuses at RCPT TO (4xx: try later; 5xx: never).
 */
export async function startSmtp(options: { refuse?: (address: string) => { code: number; message: string } | undefined } = {}): Promise<TestSmtp> {
  const received: Received[] = [];
  const offered: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      offered.push(address.address);
      const refusal = options.refuse?.(address.address);
      if (!refusal) return callback();
      callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { server, port, received, offered, close };
}
