import { useEffect, useRef } from 'react';
import { MicLevelMeter } from '../media/MicLevelMeter';

/**
 * A microphone level bar (role="meter", 0-100). It updates the DOM directly ten
 * times a second instead of re-rendering React.
 */
export function LevelMeter({ track, label }: { track: MediaStreamTrack | null; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const show = (level: number) => {
      element.setAttribute('aria-valuenow', String(level));
      element.style.setProperty('--level', `${level}%`);
    };
    show(0);
    if (!track) return;
    let meter: MicLevelMeter | undefined;
    try {
      meter = new MicLevelMeter(track, { onLevel: show });
    } catch {
      // No Web Audio: the bar stays empty, joining still works.
    }
    return () => meter?.close();
  }, [track]);
  return (
    <div ref={ref} className="level-meter" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={0}>
      <div className="level-meter__bar" />
    </div>
  );
}
