import { useEffect, useRef, type RefObject } from 'react';

type VideoTrackProps = {
  track: MediaStreamTrack | null;
  /** Mirror horizontally (your own camera reads like a mirror). */
  mirrored?: boolean;
  hidden?: boolean;
  className?: string;
  'aria-label'?: string;
};

/** Attaches one track to an element as a fresh MediaStream, and plays it; a refused play() is not an error. */
function useTrack(ref: RefObject<HTMLMediaElement | null>, track: MediaStreamTrack | null): void {
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.srcObject = track ? new MediaStream([track]) : null;
    if (track) element.play().catch(() => undefined); // autoplay starts it anyway once allowed
    return () => {
      element.srcObject = null;
    };
  }, [ref, track]);
}

/**
 * A silent <video> for one video track. Always muted: sound plays through the
 * tile's <audio>, which keeps autoplay working everywhere.
 */
export function VideoTrack({ track, mirrored, hidden, className, ...rest }: VideoTrackProps) {
  const ref = useRef<HTMLVideoElement>(null);
  useTrack(ref, track);
  useEffect(() => {
    // React sets the property only; the attribute makes the state visible (and inspectable).
    ref.current?.setAttribute('muted', '');
  }, []);
  const classes = ['video', mirrored ? 'video--mirrored' : '', className ?? ''].filter(Boolean).join(' ');
  return <video ref={ref} className={classes} autoPlay playsInline muted hidden={hidden} {...rest} />;
}

/** An invisible <audio> that plays one remote audio track, at `volume` (0–1, default 1). */
export function AudioTrack({ track, volume = 1 }: { track: MediaStreamTrack; volume?: number }) {
  const ref = useRef<HTMLAudioElement>(null);
  useTrack(ref, track);
  useEffect(() => {
    if (ref.current) ref.current.volume = Math.min(1, Math.max(0, volume));
  }, [volume]);
  return <audio ref={ref} autoPlay data-volume={volume} />;
}
