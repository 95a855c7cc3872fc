import { serverLanguage, type ServerLanguage } from './languages.js';

/**
 * What the server writes about an appointment (reminders in the app and by e-mail, the
 * calendar file), in each of the 11 languages. Each text is a function of its values so a
 * translator sees the whole sentence; dates and times come formatted by `formatWhen`.
 */
type Texts = {
  /** "tomorrow" / "in 10 minutes". */
  when: { 'reminder-24h': string; 'reminder-10m': string };
  reminder: (v: { other: string; booth: string; when: string; at: string }) => string;
  reminderSubject: (v: { other: string; when: string }) => string;
  icsSummary: (v: { other: string; booth: string }) => string;
  icsDescription: (v: { other: string; booth: string; url: string }) => string;
};

const TEXTS: Record<ServerLanguage, Texts> = {
  en: {
    when: { 'reminder-24h': 'tomorrow', 'reminder-10m': 'in 10 minutes' },
    reminder: ({ other, booth, when, at }) => `Your meeting with ${other} (${booth}) starts ${when}: ${at}.`,
    reminderSubject: ({ other, when }) => `Reminder: meeting with ${other} ${when}`,
    icsSummary: ({ other, booth }) => `Meeting with ${other} (${booth})`,
    icsDescription: ({ other, booth, url }) => `Video appointment with ${other} (${booth}).\nJoin: ${url}`,
  },
  'zh-CN': {
    when: { 'reminder-24h': '明天', 'reminder-10m': '10 分钟后' },
    reminder: ({ other, booth, when, at }) => `您与 ${other}（${booth}）的会议将于${when}开始：${at}。`,
    reminderSubject: ({ other, when }) => `提醒：${when}与 ${other} 的会议`,
    icsSummary: ({ other, booth }) => `与 ${other}（${booth}）的会议`,
    icsDescription: ({ other, booth, url }) => `与 ${other}（${booth}）的视频洽谈。\n加入会议：${url}`,
  },
  'zh-TW': {
    when: { 'reminder-24h': '明天', 'reminder-10m': '10 分鐘後' },
    reminder: ({ other, booth, when, at }) => `您與 ${other}（${booth}）的會議將於${when}開始：${at}。`,
    reminderSubject: ({ other, when }) => `提醒：${when}與 ${other} 的會議`,
    icsSummary: ({ other, booth }) => `與 ${other}（${booth}）的會議`,
    icsDescription: ({ other, booth, url }) => `與 ${other}（${booth}）的視訊洽談。\n加入會議：${url}`,
  },
  es: {
    when: { 'reminder-24h': 'mañana', 'reminder-10m': 'dentro de 10 minutos' },
    reminder: ({ other, booth, when, at }) => `Su reunión con ${other} (${booth}) empieza ${when}: ${at}.`,
    reminderSubject: ({ other, when }) => `Recordatorio: reunión con ${other} ${when}`,
    icsSummary: ({ other, booth }) => `Reunión con ${other} (${booth})`,
    icsDescription: ({ other, booth, url }) => `Cita por vídeo con ${other} (${booth}).\nUnirse: ${url}`,
  },
  fr: {
    when: { 'reminder-24h': 'demain', 'reminder-10m': 'dans 10 minutes' },
    reminder: ({ other, booth, when, at }) => `Votre réunion avec ${other} (${booth}) commence ${when} : ${at}.`,
    reminderSubject: ({ other, when }) => `Rappel : réunion avec ${other} ${when}`,
    icsSummary: ({ other, booth }) => `Réunion avec ${other} (${booth})`,
    icsDescription: ({ other, booth, url }) => `Rendez-vous vidéo avec ${other} (${booth}).\nRejoindre : ${url}`,
  },
  de: {
    when: { 'reminder-24h': 'morgen', 'reminder-10m': 'in 10 Minuten' },
    reminder: ({ other, booth, when, at }) => `Ihr Meeting mit ${other} (${booth}) beginnt ${when}: ${at}.`,
    reminderSubject: ({ other, when }) => `Erinnerung: Meeting mit ${other} ${when}`,
    icsSummary: ({ other, booth }) => `Meeting mit ${other} (${booth})`,
    icsDescription: ({ other, booth, url }) => `Video-Termin mit ${other} (${booth}).\nBeitreten: ${url}`,
  },
  'pt-BR': {
    when: { 'reminder-24h': 'amanhã', 'reminder-10m': 'em 10 minutos' },
    reminder: ({ other, booth, when, at }) => `Sua reunião com ${other} (${booth}) começa ${when}: ${at}.`,
    reminderSubject: ({ other, when }) => `Lembrete: reunião com ${other} ${when}`,
    icsSummary: ({ other, booth }) => `Reunião com ${other} (${booth})`,
    icsDescription: ({ other, booth, url }) => `Reunião por vídeo com ${other} (${booth}).\nEntrar: ${url}`,
  },
  ja: {
    when: { 'reminder-24h': '明日', 'reminder-10m': '10 分後に' },
    reminder: ({ other, booth, when, at }) => `${other} さん（${booth}）とのミーティングは${when}始まります：${at}。`,
    reminderSubject: ({ other, when }) => `リマインダー：${when} ${other} さんとのミーティング`,
    icsSummary: ({ other, booth }) => `${other} さん（${booth}）とのミーティング`,
    icsDescription: ({ other, booth, url }) => `${other} さん（${booth}）とのビデオ商談。\n参加：${url}`,
  },
  ko: {
    when: { 'reminder-24h': '내일', 'reminder-10m': '10분 후에' },
    reminder: ({ other, booth, when, at }) => `${other} 님(${booth})과의 회의가 ${when} 시작됩니다: ${at}.`,
    reminderSubject: ({ other, when }) => `알림: ${when} ${other} 님과의 회의`,
    icsSummary: ({ other, booth }) => `${other} 님(${booth})과의 회의`,
    icsDescription: ({ other, booth, url }) => `${other} 님(${booth})과의 화상 상담.\n참여: ${url}`,
  },
  ru: {
    when: { 'reminder-24h': 'завтра', 'reminder-10m': 'через 10 минут' },
    reminder: ({ other, booth, when, at }) => `Ваша встреча с ${other} (${booth}) начнётся ${when}: ${at}.`,
    reminderSubject: ({ other, when }) => `Напоминание: встреча с ${other} ${when}`,
    icsSummary: ({ other, booth }) => `Встреча с ${other} (${booth})`,
    icsDescription: ({ other, booth, url }) => `Видеовстреча с ${other} (${booth}).\nПодключиться: ${url}`,
  },
  ar: {
    when: { 'reminder-24h': 'غدًا', 'reminder-10m': 'بعد 10 دقائق' },
    reminder: ({ other, booth, when, at }) => `يبدأ اجتماعك مع \u2068${other}\u2069 (\u2068${booth}\u2069) ${when}: \u2068${at}\u2069.`,
    reminderSubject: ({ other, when }) => `تذكير: اجتماع مع \u2068${other}\u2069 ${when}`,
    icsSummary: ({ other, booth }) => `اجتماع مع \u2068${other}\u2069 (\u2068${booth}\u2069)`,
    icsDescription: ({ other, booth, url }) => `موعد فيديو مع \u2068${other}\u2069 (\u2068${booth}\u2069).\nللانضمام: ${url}`,
  },
};

/** The appointment texts for someone whose profile language is `tag` (English when we have none). */
export function appointmentTexts(tag: string | null | undefined): Texts & { language: ServerLanguage } {
  const language = serverLanguage(tag);
  return { ...TEXTS[language], language };
}

/**
 * An instant as the reader reads it: their language's date and clock, in their zone, with the
 * zone's name (its UTC offset where the language has no name for it) and the IANA zone, e.g.
 * "Friday, December 4, 2026 at 5:30 PM GMT+1 (Europe/Berlin)".
 */
export function formatWhen(instant: number, language: ServerLanguage, zone: string): string {
  const text = new Intl.DateTimeFormat(language, {
    timeZone: zone,
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(instant);
  return `${text} (${zone})`;
}
