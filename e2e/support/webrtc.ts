import type { BrowserContext, Page } from '@playwright/test';

/**
 * Test-side instrumentation, injected before the app loads: remembers every
 * RTCPeerConnection the page creates, so a spec can read getStats() the way
 * chrome://webrtc-internals would, without any hook in the app.
 */
export async function instrumentWebRtc(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __peerConnections: RTCPeerConnection[] };
    w.__peerConnections = [];
    const Native = window.RTCPeerConnection;
    class Recorded extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        w.__peerConnections.push(this);
      }
    }
    window.RTCPeerConnection = Recorded;
    // Small capture for browser tests: two cores cannot encode several 720p streams.
    window.localStorage.setItem('ca:video-profile', 'low');
  });
}

export type InboundSummary = { kind: string; framesDecoded: number; bytesReceived: number };

/** Every inbound-rtp stream of every peer connection on the page. */
export async function inboundStats(page: Page): Promise<InboundSummary[]> {
  return page.evaluate(async () => {
    const w = window as unknown as { __peerConnections: RTCPeerConnection[] };
    const out: { kind: string; framesDecoded: number; bytesReceived: number }[] = [];
    for (const pc of w.__peerConnections) {
      if (pc.connectionState === 'closed') continue;
      const report = await pc.getStats();
      report.forEach((s: { type: string; kind?: string; framesDecoded?: number; bytesReceived?: number }) => {
        if (s.type === 'inbound-rtp') {
          out.push({ kind: s.kind ?? '', framesDecoded: s.framesDecoded ?? 0, bytesReceived: s.bytesReceived ?? 0 });
        }
      });
    }
    return out;
  });
}

/** Sum of frames decoded over all inbound video streams. */
export async function framesDecoded(page: Page): Promise<number[]> {
  return (await inboundStats(page)).filter((s) => s.kind === 'video').map((s) => s.framesDecoded);
}

/** Sum of bytes received over all inbound audio streams. */
export async function audioBytesReceived(page: Page): Promise<number> {
  return (await inboundStats(page)).filter((s) => s.kind === 'audio').reduce((n, s) => n + s.bytesReceived, 0);
}

/** Frames decoded per inbound video stream, keyed by peer connection and stream (new streams get new keys). */
export async function videoFramesByStream(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const w = window as unknown as { __peerConnections: RTCPeerConnection[] };
    const out: Record<string, number> = {};
    for (const [i, pc] of w.__peerConnections.entries()) {
      if (pc.connectionState === 'closed') continue;
      const report = await pc.getStats();
      report.forEach((s: { type: string; id: string; kind?: string; framesDecoded?: number }) => {
        if (s.type === 'inbound-rtp' && s.kind === 'video') out[`${i}:${s.id}`] = s.framesDecoded ?? 0;
      });
    }
    return out;
  });
}

/**
 * Resolves once some video stream on the page decoded at least `frames` more frames than
 * when it was called (a new stream counts from zero); with how long that took, in ms.
 */
export async function videoAdvances(page: Page, timeoutMs: number, frames = 5): Promise<number> {
  const started = Date.now();
  const before = await videoFramesByStream(page);
  for (;;) {
    const now = await videoFramesByStream(page);
    if (Object.entries(now).some(([key, n]) => n - (before[key] ?? 0) >= frames)) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`no new video frames within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** Bytes sent over all outbound RTP streams of the page (0 for someone who only watches). */
export async function bytesSent(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const w = window as unknown as { __peerConnections: RTCPeerConnection[] };
    let total = 0;
    for (const pc of w.__peerConnections) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((s: { type: string; bytesSent?: number }) => {
        if (s.type === 'outbound-rtp') total += s.bytesSent ?? 0;
      });
    }
    return total;
  });
}

/** How many inbound video streams have decoded at least `frames` frames. */
export async function decodingVideos(page: Page, frames = 10): Promise<number> {
  return Object.values(await videoFramesByStream(page)).filter((n) => n >= frames).length;
}
