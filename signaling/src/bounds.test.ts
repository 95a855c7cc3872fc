import { describe, expect, it } from 'vitest';
import { exceedsBounds, MEDIA_PARAMETER_BOUNDS } from './bounds.js';
import { dtlsParametersSchema, rtpCapabilitiesSchema, rtpParametersSchema, sctpStreamParametersSchema } from './media.js';
import { requestSchemas } from './requests.js';

/** `[[[…]]]` or `{a:{a:…}}` nested `depth` levels, built without recursion. */
function nested(depth: number, kind: 'array' | 'object' = 'array'): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = kind === 'array' ? [value] : { a: value };
  return value;
}

const opus = { mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 };

describe('bounded free-form values', () => {
  it('measures depth and size without recursion, even 100,000 levels deep', () => {
    expect(exceedsBounds(nested(100_000), MEDIA_PARAMETER_BOUNDS)).toMatch(/deeper than 8/);
    expect(exceedsBounds(nested(8, 'object'), MEDIA_PARAMETER_BOUNDS)).toBeUndefined();
    expect(exceedsBounds(nested(9, 'object'), MEDIA_PARAMETER_BOUNDS)).toMatch(/deeper/);
    expect(
      exceedsBounds(
        Array.from({ length: 5000 }, () => 0),
        MEDIA_PARAMETER_BOUNDS,
      ),
    ).toMatch(/more than 4096 values/);
    expect(exceedsBounds('text', { maxDepth: 1, maxNodes: 1 })).toBeUndefined();
  });

  it('refuses deeply nested values inside produce rtpParameters (codec parameters, encodings, unknown fields)', () => {
    const produce = (rtpParameters: unknown) =>
      requestSchemas.produce.safeParse({ transportId: 't', kind: 'audio', source: 'microphone', rtpParameters });
    expect(produce({ mid: '0', codecs: [opus], encodings: [{ ssrc: 1 }] }).success).toBe(true);
    for (const bad of [
      { mid: '0', codecs: [{ ...opus, parameters: { x: nested(30_000) } }] },
      { mid: '0', codecs: [opus], encodings: [{ ssrc: 1, x: nested(30_000, 'object') }] },
      { mid: '0', codecs: [opus], somethingElse: nested(30_000) },
    ]) {
      const result = produce(bad);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/value too large/);
    }
  });

  it('refuses deeply nested or huge consume rtpCapabilities, dtlsParameters and SCTP stream parameters', () => {
    expect(rtpCapabilitiesSchema.safeParse({ codecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000 }] }).success).toBe(true);
    expect(rtpCapabilitiesSchema.safeParse({ codecs: [], x: nested(50_000) }).success).toBe(false);
    expect(rtpCapabilitiesSchema.safeParse({ headerExtensions: [], x: Array.from({ length: 10_000 }, () => 1) }).success).toBe(false);
    expect(dtlsParametersSchema.safeParse({ fingerprints: [{ algorithm: 'sha-256', value: 'AB' }], x: nested(50) }).success).toBe(false);
    expect(sctpStreamParametersSchema.safeParse({ streamId: 1, x: nested(50) }).success).toBe(false);
    expect(rtpParametersSchema.safeParse({ codecs: [opus], rtcp: { cname: nested(20) } }).success).toBe(false);
  });

  it('takes SCTP stream ids 0 to 65534, the range the media server accepts', () => {
    expect(sctpStreamParametersSchema.safeParse({ streamId: 65534 }).success).toBe(true);
    expect(sctpStreamParametersSchema.safeParse({ streamId: 65535 }).success).toBe(false);
  });
});
