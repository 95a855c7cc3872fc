import { createContext } from 'react';

/**
 * How loud the floor (everyone's own voices) plays: 1 normally, lowered ("ducked") while listening to
 * an interpretation channel, so the interpreter is heard over the speaker.
 */
export const FloorVolume = createContext(1);

/** The floor's default level under an interpretation channel. */
export const DEFAULT_DUCK = 0.2;
