import { describe, expect, it } from 'vitest';
import { CHANNEL_ATTRIBUTES, channelLanguageOf, mayPublishTrack } from './livekitChannels.js';

describe('interpretation channels on LiveKit', () => {
  const interpreter = { [CHANNEL_ATTRIBUTES.interprets]: 'es,zh-CN', [CHANNEL_ATTRIBUTES.moderator]: 'false' };
  const moderator = { [CHANNEL_ATTRIBUTES.interprets]: '', [CHANNEL_ATTRIBUTES.moderator]: 'true' };
  const viewer = { [CHANNEL_ATTRIBUTES.interprets]: '', [CHANNEL_ATTRIBUTES.moderator]: 'false' };

  it('names the language of a channel track and of no other', () => {
    expect(channelLanguageOf('interpretation:zh-CN')).toBe('zh-CN');
    expect(channelLanguageOf('interpretation:')).toBeUndefined();
    expect(channelLanguageOf('microphone')).toBeUndefined();
  });

  it('lets an interpreter open only assigned languages, a moderator without assignment any, everyone else none', () => {
    expect(mayPublishTrack(interpreter, 'interpretation:es')).toBe(true);
    expect(mayPublishTrack(interpreter, 'interpretation:zh-CN')).toBe(true);
    expect(mayPublishTrack(interpreter, 'interpretation:fr')).toBe(false);
    expect(mayPublishTrack(moderator, 'interpretation:fr')).toBe(true);
    expect(mayPublishTrack(viewer, 'interpretation:es')).toBe(false);
    expect(mayPublishTrack(undefined, 'interpretation:es')).toBe(false);
    expect(mayPublishTrack(viewer, 'interpretation:')).toBe(false);
    // Ordinary tracks are LiveKit's grants' business, not this rule's.
    expect(mayPublishTrack(viewer, 'camera')).toBe(true);
  });
});
