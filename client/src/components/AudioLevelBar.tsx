import { useEffect, useRef } from 'react';
import { MicLevelMeter } from '../media/MicLevelMeter';

let shared: AudioContext | null = null;

/** One AudioContext for every tile's meter (browsers limit and charge for each context). */
function sharedContext(): AudioContext | undefined {
  if (typeof AudioContext === 'undefined') return undefined;
  shared ??= new AudioContext();
  return shared;
}

/**
 * A small bar that follows how loud a track is (Web Audio analyser, updated in the
 * DOM ten times a second). Decorative: the "Speaking" badge and "Muted" carry the meaning.
 */
export function AudioLevelBar({ track }: { track: MediaStreamTrack | null }) {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element || !track) return;
    const show = (level: number) => element.style.setProperty('--level', `${level}%`);
    let meter: MicLevelMeter | undefined;
    try {
      const context = sharedContext();
      meter = new MicLevelMeter(track, { onLevel: show, intervalMs: 150, ...(context ? { context } : {}) });
    } catch {
      // No Web Audio: no bar.
    }
    return () => {
      meter?.close();
      show(0);
    };
  }, [track]);
  return (
    <span ref={ref} className="audio-level" aria-hidden="true">
      <span className="audio-level__bar" />
    </span>
  );
}
