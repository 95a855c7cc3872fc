/**
 * Series colours: the Okabe–Ito palette, told apart by people with any common colour-vision
 * deficiency, each with at least 3:1 contrast against the white card behind the charts.
 */
export const PALETTE = {
  blue: '#0072B2',
  gold: '#8C6D00',
  green: '#007A5A',
  vermillion: '#D55E00',
  purple: '#A3508A',
  sky: '#2B8CC4',
  grey: '#6B7280',
} as const;
