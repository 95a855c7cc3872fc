import { z } from 'zod';

/**
 * Stable error codes shared by the HTTP API and the socket acks. Clients branch on
 * the code, never on the message. Adding a code is compatible; renaming one is not.
 */
export const ErrorCode = {
  /** The payload failed validation (wrong type, missing or unknown field). */
  BadRequest: 'BAD_REQUEST',
  /** The payload is larger than the server accepts. */
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  /** The client speaks a protocol version this server does not. */
  UnsupportedProtocol: 'UNSUPPORTED_PROTOCOL',
  /** The event name is not part of the protocol. */
  UnknownEvent: 'UNKNOWN_EVENT',
  /** The request needs a joined room and the socket has not joined one. */
  NotJoined: 'NOT_JOINED',
  /** The socket already joined a room. */
  AlreadyJoined: 'ALREADY_JOINED',
  /** No authenticated identity, or the credentials are wrong. */
  Unauthorized: 'UNAUTHORIZED',
  /** Authenticated, but not allowed to do this. */
  Forbidden: 'FORBIDDEN',
  /** The origin of a browser request is not allowed. */
  OriginNotAllowed: 'ORIGIN_NOT_ALLOWED',
  NotFound: 'NOT_FOUND',
  RoomNotFound: 'ROOM_NOT_FOUND',
  RoomFull: 'ROOM_FULL',
  /** The host locked the room; nobody new gets in. */
  RoomLocked: 'ROOM_LOCKED',
  /** This room has a lobby: `knock` and wait for a host to admit you, then `join`. */
  LobbyRequired: 'LOBBY_REQUIRED',
  /** A host removed this participant from the room; they cannot rejoin this meeting. */
  RemovedByHost: 'REMOVED_BY_HOST',
  TransportNotFound: 'TRANSPORT_NOT_FOUND',
  ProducerNotFound: 'PRODUCER_NOT_FOUND',
  ConsumerNotFound: 'CONSUMER_NOT_FOUND',
  /** The receiver's RTP capabilities cannot decode the producer's media. */
  CannotConsume: 'CANNOT_CONSUME',
  /** The request conflicts with the current state (for example a second producer of one source). */
  Conflict: 'CONFLICT',
  /** The media server rejected the parameters (bad RTP or DTLS parameters). */
  MediaRejected: 'MEDIA_REJECTED',
  /** Too many requests; retry later. */
  RateLimited: 'RATE_LIMITED',
  /**
   * The room is held by another server node: connect to `details.url` and send the same
   * request there (`details: { url, nodeId }`). Only servers that run as several nodes send it.
   */
  RoomElsewhere: 'ROOM_ELSEWHERE',
  /** The server is shutting down or has no media worker. */
  Unavailable: 'UNAVAILABLE',
  /** A bug on our side; the message never leaks internals. */
  Internal: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const errorCodeSchema = z.enum(Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]]);

/** The error body used by both REST responses (`{ error }`) and socket acks. */
export const errorBodySchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/**
 * What kind of problem one issue of a BAD_REQUEST is, so a client can say it in the user's
 * language: zod's own codes for schema failures, ours for the domain's rules.
 */
export const ISSUE_CODES = [
  // zod
  'invalid_type',
  'too_small',
  'too_big',
  'invalid_format',
  'invalid_value',
  'unrecognized_keys',
  'invalid_union',
  'invalid_key',
  'invalid_element',
  'not_multiple_of',
  'custom',
  // domain: an end not after its start, a time in the past, a repeated entry, a malformed local
  // time / weekday / date / zone / instant, overlapping hours, a missing value, a number out of range
  'order',
  'future',
  'duplicate',
  'time',
  'weekday',
  'date',
  'zone',
  'instant',
  'overlap',
  'required',
  'range',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

/** One refused part of a payload, as BAD_REQUEST lists them in `details`. Values are never echoed. */
export type Issue = {
  /** Dotted path of the field ("weekly.1.end"). */
  path: string;
  /** English, for logs and API users; clients show `code` in the user's language. */
  message: string;
  code?: IssueCode;
  /** For too_small / too_big: what was measured ("string" = its length, "array" = its count, "number"). */
  origin?: string;
  /** The allowed bounds, for too_small, too_big and range. */
  minimum?: number;
  maximum?: number;
};

/** The details of ROOM_ELSEWHERE: where to repeat the request. */
export const roomElsewhereDetailsSchema = z.object({
  /** Base URL of the node that holds the room (its PUBLIC_URL), e.g. https://node-2.expo.example.com. */
  url: z.string().url(),
  nodeId: z.string(),
});
export type RoomElsewhereDetails = z.infer<typeof roomElsewhereDetailsSchema>;

/** Every socket request is answered with exactly one ack of this shape. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };
