/**
 * What a guest is told when their request expired unanswered (in-app notification and e-mail),
 * by language, like accountEmails.ts: English is the fallback; a language is picked by its full
 * tag (zh-CN), then by its base (zh → zh-CN).
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

const byBase: Record<string, keyof typeof catalogue> = { en: 'en', zh: 'zh-CN' };

/** The expiry notice in `language` (a BCP-47 tag). */
export function requestExpiredText(language: string, vars: Vars): { subject: string; body: string } {
  const tag = (Object.keys(catalogue) as (keyof typeof catalogue)[]).find((key) => key.toLowerCase() === language.toLowerCase());
  const texts = catalogue[tag ?? byBase[language.split('-')[0]!.toLowerCase()] ?? 'en'];
  return { subject: texts.subject(vars), body: texts.body(vars) };
}
