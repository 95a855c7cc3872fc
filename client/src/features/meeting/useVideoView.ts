import { useEffect, type RefObject } from 'react';
import type { VideoView } from '../../media/MeetingClient';

/**
 * Reports where a remote video tile is: visible or not (IntersectionObserver) and
 * its width in device pixels (ResizeObserver). `pinned` tiles count as visible
 * wherever they are. Reports null when the tile goes away. Keep `onView` stable
 * (one per producer): a new one ends the old report.
 */
export function useVideoView(ref: RefObject<HTMLElement | null>, onView: ((view: VideoView | null) => void) | undefined, pinned: boolean): void {
  useEffect(() => {
    const element = ref.current;
    if (!element || !onView) return;
    let visible = true;
    const width = () => element.clientWidth * (window.devicePixelRatio || 1);
    const report = () => onView({ visible: pinned || visible, width: width() });
    const intersection =
      typeof IntersectionObserver === 'undefined'
        ? null
        : new IntersectionObserver((entries) => {
            visible = entries.some((e) => e.isIntersecting);
            report();
          });
    const resize = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(report);
    intersection?.observe(element);
    resize?.observe(element);
    report();
    return () => {
      intersection?.disconnect();
      resize?.disconnect();
      onView(null);
    };
  }, [ref, onView, pinned]);
}
