import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ErrorCode, PROTOCOL_VERSION, SOCKET_PATH } from '@ca/signaling';
import { Server, type Socket } from 'socket.io';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClientErrorCode, SignalingClient, SignalingError } from './signaling';

type Ack = (response: unknown) => void;

/** A bare Socket.io server speaking just enough of the protocol for each test. */
async function startServer(onConnection: (socket: Socket) => void, refuse?: { code: string; message: string }) {
  const httpServer = http.createServer();
  const io = new Server(httpServer, { path: SOCKET_PATH });
  io.use((socket, next) => {
    if (refuse) next(Object.assign(new Error(refuse.message), { data: refuse }));
    else if ((socket.handshake.auth as { protocolVersion?: unknown }).protocolVersion !== PROTOCOL_VERSION) {
      next(new Error('no protocol version'));
    } else next();
  });
  io.on('connection', onConnection);
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => void io.close(() => resolve())),
  };
}

describe('SignalingClient', () => {
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let client: SignalingClient | undefined;

  beforeEach(() => {
    server = undefined;
    client = undefined;
  });
  afterEach(async () => {
    client?.close();
    await server?.close();
  });

  it('request() resolves with the ack data of a successful request', async () => {
    server = await startServer((socket) => {
      socket.on('produce', (_payload: unknown, ack: Ack) => ack({ ok: true, data: { producerId: 'p1' } }));
    });
    client = new SignalingClient({ url: server.url });
    await client.connect();
    const data = await client.request('produce', {
      transportId: 't1',
      kind: 'audio',
      source: 'microphone',
      rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000 }] },
    });
    expect(data).toEqual({ producerId: 'p1' });
  });

  it("request() rejects with a SignalingError carrying the server's code", async () => {
    server = await startServer((socket) => {
      socket.on('join', (_payload: unknown, ack: Ack) =>
        ack({ ok: false, error: { code: ErrorCode.RoomFull, message: 'this room is full (50 participants)' } }),
      );
    });
    client = new SignalingClient({ url: server.url });
    await client.connect();
    const error = await client.request('join', { roomId: 'r1', displayName: 'Ana' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignalingError);
    expect(error).toMatchObject({ code: ErrorCode.RoomFull, request: 'join' });
  });

  it('request() rejects with TIMEOUT when no ack arrives in time', async () => {
    server = await startServer((socket) => socket.on('leave', () => undefined));
    client = new SignalingClient({ url: server.url, requestTimeoutMs: 100 });
    await client.connect();
    await expect(client.request('leave', {})).rejects.toMatchObject({ code: ClientErrorCode.Timeout });
  });

  it('request() rejects with BAD_RESPONSE when the ack breaks the contract', async () => {
    server = await startServer((socket) => {
      socket.on('produce', (_payload: unknown, ack: Ack) => ack({ ok: true, data: { id: 42 } }));
    });
    client = new SignalingClient({ url: server.url });
    await client.connect();
    const request = client.request('produce', {
      transportId: 't1',
      kind: 'audio',
      source: 'microphone',
      rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000 }] },
    });
    await expect(request).rejects.toMatchObject({ code: ClientErrorCode.BadResponse });
  });

  it('pending requests reject with DISCONNECTED when the server drops the connection', async () => {
    server = await startServer((socket) => socket.on('leave', () => socket.disconnect(true)));
    client = new SignalingClient({ url: server.url });
    await client.connect();
    const lost = new Promise<SignalingError>((resolve) => client?.onDisconnect(resolve));
    await expect(client.request('leave', {})).rejects.toMatchObject({ code: ClientErrorCode.Disconnected });
    expect((await lost).code).toBe(ClientErrorCode.Disconnected);
  });

  it('a dropped connection (not a refusal) reconnects by itself and says so', async () => {
    const sockets: Socket[] = [];
    server = await startServer((socket) => {
      sockets.push(socket);
      socket.on('leave', (_payload: unknown, ack: Ack) => ack({ ok: true, data: {} }));
    });
    client = new SignalingClient({ url: server.url, reconnectDelayMaxMs: 100 });
    const events: string[] = [];
    let final = false;
    client.onDisconnect(() => (final = true));
    const back = new Promise<void>((resolve) =>
      client?.onConnection((event) => {
        events.push(event);
        if (event === 'reconnected') resolve();
      }),
    );
    await client.connect();
    sockets[0]?.conn.close(); // below Socket.io, like a network drop
    await back;
    expect(events).toEqual(['reconnecting', 'reconnected']);
    expect(final).toBe(false);
    await expect(client.request('leave', {})).resolves.toEqual({});
  });

  it('connect() rejects with the code of a handshake refusal', async () => {
    server = await startServer(() => undefined, {
      code: ErrorCode.UnsupportedProtocol,
      message: 'unsupported protocol version',
    });
    client = new SignalingClient({ url: server.url });
    await expect(client.connect()).rejects.toMatchObject({ code: ErrorCode.UnsupportedProtocol });
  });

  it('connect() rejects with CONNECT_FAILED when nothing listens', async () => {
    client = new SignalingClient({ url: 'http://127.0.0.1:9', connectTimeoutMs: 2_000 });
    await expect(client.connect()).rejects.toMatchObject({ code: ClientErrorCode.ConnectFailed });
  });

  it('onPush() delivers valid pushes and drops malformed ones', async () => {
    server = await startServer((socket) => {
      socket.on('leave', (_payload: unknown, ack: Ack) => {
        socket.emit('peerLeft', { peerId: '' }); // breaks the contract: empty id
        socket.emit('peerLeft', { peerId: 'p2' });
        ack({ ok: true, data: {} });
      });
    });
    client = new SignalingClient({ url: server.url });
    const received: string[] = [];
    client.onPush('peerLeft', ({ peerId }) => received.push(peerId));
    await client.connect();
    await client.request('leave', {});
    expect(received).toEqual(['p2']);
  });

  it('close() while connecting rejects connect() with DISCONNECTED', async () => {
    client = new SignalingClient({ url: 'http://127.0.0.1:9' });
    const connecting = client.connect();
    client.close();
    await expect(connecting).rejects.toMatchObject({ code: ClientErrorCode.Disconnected });
  });

  it('request() on a closed client rejects at once with DISCONNECTED', async () => {
    client = new SignalingClient({ url: 'http://127.0.0.1:9' });
    client.close();
    await expect(client.request('leave', {})).rejects.toMatchObject({ code: ClientErrorCode.Disconnected });
  });
});

describe('SignalingClient in a cluster (ROOM_ELSEWHERE)', () => {
  const servers: Array<Awaited<ReturnType<typeof startServer>>> = [];
  let client: SignalingClient | undefined;
  const knockOk = (socket: Socket, knockId: string) => socket.on('knock', (_payload: unknown, ack: Ack) => ack({ ok: true, data: { knockId } }));
  const elsewhere = (socket: Socket, url: string) =>
    socket.on('knock', (_payload: unknown, ack: Ack) =>
      ack({ ok: false, error: { code: ErrorCode.RoomElsewhere, message: 'on another server', details: { url, nodeId: 'n' } } }),
    );

  afterEach(async () => {
    client?.close();
    client = undefined;
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it('join, knock and resume answered ROOM_ELSEWHERE move the connection to that node and ask again; pushes follow', async () => {
    let nodeSocket: Socket | undefined;
    const node = await startServer((socket) => {
      nodeSocket = socket;
      knockOk(socket, 'k-on-node');
    });
    const home = await startServer((socket) => elsewhere(socket, node.url));
    servers.push(node, home);
    client = new SignalingClient({ url: home.url });
    const pushes: boolean[] = [];
    client.onPush('knockAnswered', ({ admitted }) => pushes.push(admitted));
    await client.connect();
    expect(await client.request('knock', { roomId: 'booth-b1', token: 't' })).toEqual({ knockId: 'k-on-node' });
    nodeSocket?.emit('knockAnswered', { knockId: 'k-on-node', admitted: true });
    await expect.poll(() => pushes).toEqual([true]);
  });

  it('a node that does not answer sends the client back to the first address, which is asked again', async () => {
    let asked = 0;
    const home = await startServer((socket) =>
      socket.on('knock', (_payload: unknown, ack: Ack) => {
        asked += 1;
        if (asked === 1) {
          ack({ ok: false, error: { code: ErrorCode.RoomElsewhere, message: 'elsewhere', details: { url: 'http://127.0.0.1:9', nodeId: 'dead' } } });
        } else ack({ ok: true, data: { knockId: 'k-home' } });
      }),
    );
    servers.push(home);
    client = new SignalingClient({ url: home.url, connectTimeoutMs: 2_000 });
    await client.connect();
    expect(await client.request('knock', { roomId: 'booth-b1', token: 't' })).toEqual({ knockId: 'k-home' });
    expect(asked).toBe(2);
  });

  it('when the node it was sent to dies, it reconnects to the first address and says reconnected', async () => {
    const node = await startServer((socket) => knockOk(socket, 'k-node'));
    const home = await startServer((socket) => elsewhere(socket, node.url));
    servers.push(home);
    client = new SignalingClient({ url: home.url, reconnectDelayMaxMs: 300 });
    const events: string[] = [];
    client.onConnection((event) => events.push(event));
    await client.connect();
    await client.request('knock', { roomId: 'booth-b1', token: 't' });
    await node.close();
    await expect.poll(() => events, { timeout: 10_000 }).toEqual(['reconnecting', 'reconnected']);
    expect(client.connected).toBe(true);
  });
});
