/**
 * The client address a socket counts against in per-client limits (connection tests): the
 * address its connection came from, as Socket.io saw it, with IPv4 written the same way
 * whether it arrived over IPv4 or as an IPv4-mapped IPv6 address.
 *
 * Forwarded headers are not read here: behind a reverse proxy every socket shares the proxy's
 * address until the trusted-proxy setting of the HTTP side decides which header to believe;
 * this function is the one place to apply it to sockets as well.
 */
export function clientAddress(socket: { handshake: { address: string } }): string {
  const address = socket.handshake.address;
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice('::ffff:'.length) : address;
}
