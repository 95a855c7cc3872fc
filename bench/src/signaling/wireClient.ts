import WebSocket from 'ws';
import { SOCKET_PATH } from '@ca/signaling';

/** What a refused Socket.io handshake carries (CONNECT_ERROR). */
export class HandshakeRefused extends Error {
  constructor(readonly body: string) {
    super(`handshake refused: ${body}`);
  }
}

type AckHandler = (ok: boolean, frame: string) => void;

/**
 * A minimal Socket.io v4 client speaking the wire protocol directly over one
 * WebSocket (Engine.IO v4, text frames): open → CONNECT with auth → events with ack
 * ids; answers the server's pings. It exists so that 1,000 clients in one Node
 * process cost far less CPU than the server they load (socket.io-client would
 * decode every ack, run its reconnection manager and timers per socket), which keeps
 * the load generator from being the bottleneck on a small machine. On the wire it
 * is what a browser sends: `42<id>["name",payload]` and gets `43<id>[response]`.
 */
export class WireClient {
  readonly #ws: WebSocket;
  readonly #pending = new Map<number, AckHandler>();
  #nextId = 0;
  #closed = false;
  /** Server pushes received (peerJoined and the like). */
  pushes = 0;

  private constructor(ws: WebSocket) {
    this.#ws = ws;
  }

  /** Opens the socket and completes the Socket.io handshake with `auth`. */
  static connect(baseUrl: string, auth: object, timeoutMs = 10_000): Promise<WireClient> {
    const url = `${baseUrl.replace(/^http/, 'ws')}${SOCKET_PATH}/?EIO=4&transport=websocket`;
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const client = new WireClient(ws);
    return new Promise((resolve, reject) => {
      let connected = false;
      const timer = setTimeout(() => fail(new Error(`no Socket.io CONNECT within ${timeoutMs} ms`)), timeoutMs);
      const fail = (error: Error) => {
        clearTimeout(timer);
        client.close();
        reject(error);
      };
      ws.on('error', (error) => (connected ? undefined : fail(error)));
      ws.on('close', () => {
        client.#closed = true;
        for (const handler of client.#pending.values()) handler(false, 'closed');
        client.#pending.clear();
        if (!connected) fail(new Error('socket closed during the handshake'));
      });
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        if (isBinary) return;
        const frame = data.toString('utf8');
        if (frame.startsWith('0')) ws.send(`40${JSON.stringify(auth)}`);
        else if (frame.startsWith('40')) {
          connected = true;
          clearTimeout(timer);
          resolve(client);
        } else if (frame.startsWith('44')) fail(new HandshakeRefused(frame.slice(2)));
        else client.#onFrame(frame);
      });
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Sends `name` with `payload` (already JSON) and an ack id; `onAck(ok)` gets the ack's `ok`. */
  requestRaw(name: string, payloadJson: string, onAck: AckHandler): void {
    if (this.#closed) {
      onAck(false, 'closed');
      return;
    }
    const id = this.#nextId++;
    this.#pending.set(id, onAck);
    this.#ws.send(`42${id}["${name}",${payloadJson}]`);
  }

  /** A request whose ack is parsed (for setup steps, not for the measured loops). */
  request<T>(name: string, payload: object, timeoutMs = 10_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name}: no ack within ${timeoutMs} ms`)), timeoutMs);
      this.requestRaw(name, JSON.stringify(payload), (ok, frame) => {
        clearTimeout(timer);
        if (!ok) {
          reject(new Error(`${name} failed: ${frame.slice(0, 300)}`));
          return;
        }
        const ack = (JSON.parse(frame.slice(frame.indexOf('['))) as [{ data: T }])[0];
        resolve(ack.data);
      });
    });
  }

  close(): void {
    this.#closed = true;
    this.#ws.terminate();
  }

  #onFrame(frame: string): void {
    if (frame === '2') {
      this.#ws.send('3');
      return;
    }
    if (frame.startsWith('43')) {
      let end = 2;
      while (end < frame.length && frame.charCodeAt(end) >= 48 && frame.charCodeAt(end) <= 57) end++;
      const id = Number(frame.slice(2, end));
      const handler = this.#pending.get(id);
      if (!handler) return;
      this.#pending.delete(id);
      handler(frame.startsWith('[{"ok":true', end), frame);
      return;
    }
    if (frame.startsWith('42')) this.pushes++;
  }
}
