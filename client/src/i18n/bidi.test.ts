import { describe, expect, it } from 'vitest';
import { isolate } from './bidi';

describe('isolate', () => {
  it('wraps a Latin name in first-strong isolates inside a right-to-left UI', () => {
    expect(isolate('Ana Souza', 'rtl')).toBe('\u2068Ana Souza\u2069');
  });

  it('wraps an Arabic name inside a left-to-right UI', () => {
    expect(isolate('ليلى حداد', 'ltr')).toBe('\u2068ليلى حداد\u2069');
  });

  it('leaves left-to-right text in a left-to-right UI, and empty text, as they are', () => {
    expect(isolate('Ana Souza', 'ltr')).toBe('Ana Souza');
    expect(isolate('王芳', 'ltr')).toBe('王芳');
    expect(isolate('', 'rtl')).toBe('');
  });
});
