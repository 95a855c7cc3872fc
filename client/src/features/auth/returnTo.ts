import type { Location } from 'react-router-dom';

/** Router state of the sign-in and registration pages: where to go back to afterwards. */
export type ReturnState = { from?: Pick<Location, 'pathname' | 'search' | 'hash' | 'state'> };

/** The page the visitor came from (never the sign-in pages themselves), default the expo. */
export function returnTarget(state: unknown): { to: string; state: unknown } {
  const from = typeof state === 'object' && state !== null && 'from' in state ? (state as ReturnState).from : undefined;
  if (!from || typeof from.pathname !== 'string' || ['/login', '/register'].includes(from.pathname)) {
    return { to: '/expo', state: undefined };
  }
  return { to: `${from.pathname}${from.search ?? ''}${from.hash ?? ''}`, state: from.state };
}
