import { describe, expect, it } from 'vitest';
import { appointmentTexts, formatWhen } from './appointmentTexts.js';
import { SERVER_LANGUAGES, serverLanguage } from './languages.js';

describe('serverLanguage', () => {
  it('writes in the profile’s language, matched by language and script, else English', () => {
    expect(serverLanguage('zh-CN')).toBe('zh-CN');
    expect(serverLanguage('zh-HK')).toBe('zh-TW');
    expect(serverLanguage('zh')).toBe('zh-CN');
    expect(serverLanguage('pt')).toBe('pt-BR');
    expect(serverLanguage('de-AT')).toBe('de');
    expect(serverLanguage('hi')).toBe('en');
    expect(serverLanguage('')).toBe('en');
    expect(serverLanguage('not a tag')).toBe('en');
  });
});

describe('appointmentTexts', () => {
  it('has every text in every language, each naming the other party and the booth', () => {
    for (const language of SERVER_LANGUAGES) {
      const texts = appointmentTexts(language);
      expect(texts.language).toBe(language);
      const values = { other: 'Ana Souza', booth: 'Hudson Analytics', when: texts.when['reminder-24h'], at: 'AT', url: 'https://x/appointments' };
      for (const text of [texts.reminder(values), texts.icsSummary(values), texts.icsDescription(values)]) {
        expect(text, language).toContain('Ana Souza');
        expect(text, language).toContain('Hudson Analytics');
      }
      expect(texts.reminderSubject(values), language).toContain('Ana Souza');
      expect(texts.icsDescription(values)).toContain('https://x/appointments');
    }
  });

  it('writes a Shanghai exhibitor’s reminder in Chinese at Shanghai time, and a Los Angeles guest’s in English at theirs', () => {
    const start = Date.parse('2026-12-07T01:30:00Z'); // 09:30 in Shanghai, 17:30 the day before in Los Angeles
    const zh = appointmentTexts('zh-CN');
    const exhibitor = zh.reminder({
      other: 'Gabriel Guest',
      booth: 'Shenzhen Photonics',
      when: zh.when['reminder-24h'],
      at: formatWhen(start, 'zh-CN', 'Asia/Shanghai'),
    });
    expect(exhibitor).toMatch(/^您与 Gabriel Guest（Shenzhen Photonics）的会议将于明天开始：2026年12月7日星期一 .*9:30.* \(Asia\/Shanghai\)。$/);
    const en = appointmentTexts('en');
    const guest = en.reminder({
      other: 'Wang Fang',
      booth: 'Shenzhen Photonics',
      when: en.when['reminder-24h'],
      at: formatWhen(start, 'en', 'America/Los_Angeles'),
    });
    expect(guest).toBe(
      'Your meeting with Wang Fang (Shenzhen Photonics) starts tomorrow: Sunday, December 6, 2026 at 5:30 PM PST (America/Los_Angeles).',
    );
  });
});
