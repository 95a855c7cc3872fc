/**
 * What a guest is told when their request expired unanswered, per language (English is the
 * fallback). The server writes this text itself (notification and e-mail), so it lives in a
 * catalogue of its own, in the shape of the client's: one entry per language, same keys.
 */
const catalogue = {
  en: {
    subject: ({ booth }: Vars) => `Your request to ${booth} expired`,
    body: ({ booth, staff, when }: Vars) =>
      `Your meeting request with ${staff} (${booth}) for ${when} was not answered in time and has expired; the slot is free again. You can request another time.`,
  },
  'zh-CN': {
    subject: ({ booth }: Vars) => `您向 ${booth} 提交的预约请求已过期`,
    body: ({ booth, staff, when }: Vars) =>
      `您与 ${staff}（${booth}）在 ${when} 的会议请求未能及时得到答复，现已过期，该时段已重新开放。您可以改约其他时间。`,
  },
} as const;

type Vars = { booth: string; staff: string; when: string };

/** The expiry notice in `language` (a BCP-47 tag; zh-* reads Simplified Chinese, anything unknown English). */
export function requestExpiredText(language: string, vars: Vars): { subject: string; body: string } {
  const texts = language.toLowerCase().startsWith('zh') ? catalogue['zh-CN'] : catalogue.en;
  return { subject: texts.subject(vars), body: texts.body(vars) };
}
