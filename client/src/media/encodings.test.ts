import { describe, expect, it } from 'vitest';
import { cameraEncodings, spatialLayerFor, wantsVp9 } from './encodings';

describe('camera encodings', () => {
  it('sends VP9 SVC by default where offered, VP8 simulcast with the low profile, and follows an explicit choice', () => {
    expect(wantsVp9(null, false)).toBe(true);
    expect(wantsVp9(null, true)).toBe(false);
    expect(wantsVp9('vp8', false)).toBe(false);
    expect(wantsVp9('vp9', true)).toBe(true);
  });

  it('sends three simulcast layers at 1/4, 1/2 and full size, and two with the low profile', () => {
    expect(cameraEncodings(false).map((e) => e.scaleResolutionDownBy)).toEqual([4, 2, 1]);
    expect(cameraEncodings(true).map((e) => e.scaleResolutionDownBy)).toEqual([2, 1]);
    for (const e of cameraEncodings(false)) expect(e.scalabilityMode).toBe('L1T3');
  });

  it('asks for the lowest layer for a small tile and the top one for a large tile', () => {
    expect(spatialLayerFor(160)).toBe(0);
    expect(spatialLayerFor(480)).toBe(1);
    expect(spatialLayerFor(1280)).toBe(2);
  });
});
