import { z } from 'zod';

/** What a client sends in the Socket.io handshake (`io(url, { auth })`). */
export const handshakeAuthSchema = z.object({
  protocolVersion: z.number().int(),
});
export type HandshakeAuth = z.infer<typeof handshakeAuthSchema>;

/** The Socket.io path both sides use. */
export const SOCKET_PATH = '/socket.io';
