/**
 * The signaling protocol version. The client sends it in the Socket.io handshake
 * (`auth.protocolVersion`); the server refuses a version it does not speak with
 * the error code `UNSUPPORTED_PROTOCOL`. Bump it on any incompatible change to
 * the events or payloads in this package.
 */
export const PROTOCOL_VERSION = 1;

/** Versions this build of the server accepts. */
export const SUPPORTED_PROTOCOL_VERSIONS: readonly number[] = [PROTOCOL_VERSION];
