export * from './version.js';
export * from './errors.js';
export * from './media.js';
export * from './peers.js';
export * from './requests.js';
export * from './pushes.js';
export * from './handshake.js';
export * from './api/index.js';
