/**
 * Texts of the account e-mails the server writes (password reset, registration), by
 * language. English is complete and the fallback; a language is picked by its full tag
 * (zh-CN), then by its base (zh → zh-CN).
 */
export type AccountEmail = { subject: string; body: string };

type Texts = {
  passwordReset: (v: { name: string; link: string; minutes: number }) => AccountEmail;
  passwordChanged: (v: { name: string }) => AccountEmail;
};

const en: Texts = {
  passwordReset: ({ name, link, minutes }) => ({
    subject: 'Reset your Cloud Appointment password',
    body: [
      `Hello ${name},`,
      '',
      'Someone (we hope you) asked to reset the password of your Cloud Appointment account.',
      `Open this link within ${minutes} minutes to choose a new password (it works once):`,
      '',
      link,
      '',
      'If it was not you, ignore this e-mail: your password stays as it is.',
    ].join('\n'),
  }),
  passwordChanged: ({ name }) => ({
    subject: 'Your Cloud Appointment password was changed',
    body: [
      `Hello ${name},`,
      '',
      'The password of your Cloud Appointment account was just changed, and every other sign-in was ended.',
      'If it was not you, reset your password now with "Forgot password?" on the sign-in page.',
    ].join('\n'),
  }),
};

const zhCN: Texts = {
  passwordReset: ({ name, link, minutes }) => ({
    subject: '重置您的 Cloud Appointment 密码',
    body: [
      `${name}，您好：`,
      '',
      '有人（希望是您本人）申请重置您 Cloud Appointment 账户的密码。',
      `请在 ${minutes} 分钟内打开以下链接设置新密码（链接仅可使用一次）：`,
      '',
      link,
      '',
      '如果这不是您本人的操作，请忽略此邮件，您的密码不会改变。',
    ].join('\n'),
  }),
  passwordChanged: ({ name }) => ({
    subject: '您的 Cloud Appointment 密码已更改',
    body: [
      `${name}，您好：`,
      '',
      '您 Cloud Appointment 账户的密码刚刚已更改，其他所有登录均已退出。',
      '如果这不是您本人的操作，请立即在登录页面点击“忘记密码？”重置密码。',
    ].join('\n'),
  }),
};

const catalogues: Record<string, Texts> = { en, 'zh-CN': zhCN };
const byBase: Record<string, Texts> = { en, zh: zhCN };

/** The account e-mail texts in `language` (a BCP 47 tag such as zh-CN), English when we have none. */
export function accountEmails(language: string): Texts {
  return catalogues[language] ?? byBase[language.split('-')[0]!.toLowerCase()] ?? en;
}
