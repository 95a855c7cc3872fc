/**
 * Child process: the baseline for the signaling benchmark. A bare Socket.io server
 * (the same socket.io package and the same server options as our gateway) that acks
 * `join` and `getRouterRtpCapabilities` with the same bytes our server sends, and
 * does nothing else: no handshake checks, no validation, no rooms, no mediasoup.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { SOCKET_PATH } from '@ca/signaling';
import type { BareTargetOptions } from './protocol.js';
import { serveTarget, targetOptions } from './serve.js';

serveTarget(async () => {
  const { rtpCapabilities } = targetOptions<BareTargetOptions>();
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  // The options of server/src/realtime/gateway.ts.
  const io = new Server(server, {
    path: SOCKET_PATH,
    serveClient: false,
    maxHttpBufferSize: 1_000_000,
    pingInterval: 10_000,
    pingTimeout: 10_000,
  });
  let peers = 0;
  io.on('connection', (socket) => {
    socket.on('join', (payload: { roomId?: string }, ack: (response: unknown) => void) => {
      const roomId = String(payload.roomId);
      void socket.join(roomId);
      ack({
        ok: true,
        data: { peerId: `bare-${++peers}`, roomId, role: 'guest', routerRtpCapabilities: rtpCapabilities, peers: [] },
      });
    });
    socket.on('getRouterRtpCapabilities', (_payload: unknown, ack: (response: unknown) => void) => {
      ack({ ok: true, data: { rtpCapabilities } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    workerPids: () => [],
    close: async () => {
      await io.close();
      server.closeAllConnections();
    },
  };
});
