import { z } from 'zod';
import { bounded } from './bounds.js';

/**
 * Shapes of the mediasoup parameter objects that cross the wire. They check the
 * outline (types of the fields we rely on, bounded sizes); the media server
 * validates the deep structure and its rejection maps to `MEDIA_REJECTED`. Their unknown
 * fields pass through to it, so each whole object is `bounded` in depth and size first.
 */

const shortString = z.string().max(256);
const boundedRecord = bounded(z.record(z.string().max(64), z.unknown()));

export const rtpCodecCapabilitySchema = z.looseObject({
  kind: z.enum(['audio', 'video']),
  mimeType: shortString,
  clockRate: z.number().int().positive(),
  channels: z.number().int().positive().optional(),
  preferredPayloadType: z.number().int().min(0).max(127).optional(),
  parameters: boundedRecord.optional(),
  rtcpFeedback: z
    .array(z.looseObject({ type: shortString, parameter: shortString.optional() }))
    .max(32)
    .optional(),
});

export const rtpCapabilitiesSchema = bounded(
  z.looseObject({
    codecs: z.array(rtpCodecCapabilitySchema).max(64).optional(),
    headerExtensions: z
      .array(z.looseObject({ uri: shortString }))
      .max(64)
      .optional(),
  }),
);
export type RtpCapabilitiesWire = z.infer<typeof rtpCapabilitiesSchema>;

export const rtpParametersSchema = bounded(
  z.looseObject({
    mid: shortString.optional(),
    codecs: z
      .array(
        z.looseObject({
          mimeType: shortString,
          payloadType: z.number().int().min(0).max(127),
          clockRate: z.number().int().positive(),
        }),
      )
      .min(1)
      .max(32),
    headerExtensions: z
      .array(z.looseObject({ uri: shortString, id: z.number().int() }))
      .max(32)
      .optional(),
    encodings: z.array(boundedRecord).max(8).optional(),
    rtcp: boundedRecord.optional(),
  }),
);
export type RtpParametersWire = z.infer<typeof rtpParametersSchema>;

export const dtlsParametersSchema = bounded(
  z.looseObject({
    role: z.enum(['auto', 'client', 'server']).optional(),
    fingerprints: z
      .array(z.object({ algorithm: shortString, value: z.string().max(512) }))
      .min(1)
      .max(8),
  }),
);

/** A data channel's SCTP stream (the connection test opens one); mediasoup takes ids up to 65534. */
export const sctpStreamParametersSchema = bounded(
  z.looseObject({
    streamId: z.number().int().min(0).max(65534),
    ordered: z.boolean().optional(),
    maxPacketLifeTime: z.number().int().min(0).optional(),
    maxRetransmits: z.number().int().min(0).optional(),
  }),
);

/** A free-form record of a transport's parameters (ICE, SCTP), bounded like every media parameter object. */
export const mediaRecordSchema = boundedRecord;
export type DtlsParametersWire = z.infer<typeof dtlsParametersSchema>;

/** What a client needs to build a mediasoup-client transport. */
export const transportOptionsSchema = z.object({
  id: z.string(),
  iceParameters: boundedRecord,
  iceCandidates: z.array(boundedRecord),
  dtlsParameters: dtlsParametersSchema,
});
export type TransportOptionsWire = z.infer<typeof transportOptionsSchema>;

export const mediaKindSchema = z.enum(['audio', 'video']);
export type MediaKind = z.infer<typeof mediaKindSchema>;

/**
 * What a producer carries, so receivers can lay out tiles (a screen share is its own tile).
 * `interpretation`: an interpreter's voice in one language channel (its `language` says which);
 * listeners receive only the channel they chose.
 */
export const mediaSourceSchema = z.enum(['microphone', 'camera', 'screen', 'screen-audio', 'interpretation']);
export type MediaSource = z.infer<typeof mediaSourceSchema>;

/** The language of an interpretation channel: a BCP-47 tag such as "es" or "zh-CN". */
export const channelLanguageSchema = z
  .string()
  .max(35)
  .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'language tag such as es or zh-CN');
