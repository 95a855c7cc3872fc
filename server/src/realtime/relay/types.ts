import type { Namespace, Socket } from 'socket.io';
import type { ParsedRelayRequest, RelayClientToServerEvents, RelayRequestName, RelayResponsePayload, RelayServerToClientEvents } from '@ca/signaling';
import type { Logger } from '../../logger.js';
import type { Rooms } from '../../media/Rooms.js';
import type { RealtimeLimits, RoomAccess, SocketData } from '../types.js';
import type { RelayConnection } from './RelayConnection.js';

export type RelayNamespace = Namespace<RelayClientToServerEvents, RelayServerToClientEvents, Record<string, never>, SocketData>;
export type RelaySocket = Socket<RelayClientToServerEvents, RelayServerToClientEvents, Record<string, never>, SocketData>;

/** What a relay request's handler may use. */
export type RelayContext = {
  rooms: Rooms;
  access: Pick<RoomAccess, 'meetingSecret' | 'now'>;
  limits: Pick<RealtimeLimits, 'requests' | 'chat'>;
  log: Logger;
  connection: RelayConnection;
};

/** One relay request handler: gets a validated payload, returns the ack data or throws an AppError. */
export type RelayHandler<K extends RelayRequestName> = (
  ctx: RelayContext,
  request: ParsedRelayRequest<K>,
) => Promise<RelayResponsePayload<K>> | RelayResponsePayload<K>;

export type RelayHandlerMap = { [K in RelayRequestName]: RelayHandler<K> };
