import type { RelayHandlerMap } from '../types.js';
import { relayAudience } from './relayAudience.js';
import { relayChat } from './relayChat.js';
import { relayConsume } from './relayConsume.js';
import { relayJoin } from './relayJoin.js';
import { relayRemoved } from './relayRemoved.js';

/** One handler per request of the relay contract; the compiler checks none is missing. */
export const relayHandlers: RelayHandlerMap = { relayJoin, relayConsume, relayChat, relayAudience, relayRemoved };
