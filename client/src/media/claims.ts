/** sessionStorage key of the last peer this tab had (survives a reload, not a new tab). */
const CLAIM_KEY = 'ca:meeting-claim';

/** Proof that a peer in a room is this tab's: `resume` after a dropped connection, `join.replaces` after a reload. */
export type PeerClaim = { roomId: string; peerId: string; resumeKey: string };

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

/** The claim this tab keeps for `roomId`, if any. */
export function loadClaim(roomId: string): PeerClaim | null {
  try {
    const raw = storage()?.getItem(CLAIM_KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<PeerClaim>;
    if (value.roomId !== roomId || typeof value.peerId !== 'string' || typeof value.resumeKey !== 'string') return null;
    return { roomId, peerId: value.peerId, resumeKey: value.resumeKey };
  } catch {
    return null;
  }
}

export function saveClaim(claim: PeerClaim): void {
  try {
    storage()?.setItem(CLAIM_KEY, JSON.stringify(claim));
  } catch {
    // Without storage a reload leaves the old peer to time out; that is all.
  }
}

export function clearClaim(roomId: string): void {
  if (loadClaim(roomId)) storage()?.removeItem(CLAIM_KEY);
}
