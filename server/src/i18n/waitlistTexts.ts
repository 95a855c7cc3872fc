import { serverLanguage, type ServerLanguage } from './languages.js';

type Texts = {
  subject: (v: { booth: string }) => string;
  body: (v: { booth: string; at: string; until: string }) => string;
};

/** The waitlist offer, in each of the 11 languages; `at` and `until` come formatted by `formatWhen`. */
const TEXTS: Record<ServerLanguage, Texts> = {
  en: {
    subject: ({ booth }) => `A time at ${booth} is free for you`,
    body: ({ booth, at, until }) =>
      `A meeting time at ${booth} has become free: ${at}. It is held for you until ${until}; book it under My appointments.`,
  },
  'zh-CN': {
    subject: ({ booth }) => `${booth} 有空出的时间留给您`,
    body: ({ booth, at, until }) => `${booth} 空出了一个会议时间：${at}。该时间为您保留至 ${until}，请在“我的预约”中预约。`,
  },
  'zh-TW': {
    subject: ({ booth }) => `${booth} 有空出的時間留給您`,
    body: ({ booth, at, until }) => `${booth} 空出了一個會議時間：${at}。該時間為您保留至 ${until}，請在「我的預約」中預約。`,
  },
  es: {
    subject: ({ booth }) => `Hay una hora libre para usted en ${booth}`,
    body: ({ booth, at, until }) => `Se ha liberado una hora de reunión en ${booth}: ${at}. Se la reservamos hasta ${until}; resérvela en Mis citas.`,
  },
  fr: {
    subject: ({ booth }) => `Un créneau chez ${booth} s’est libéré pour vous`,
    body: ({ booth, at, until }) =>
      `Un créneau de rendez-vous s’est libéré chez ${booth} : ${at}. Il vous est réservé jusqu’au ${until} ; réservez-le dans Mes rendez-vous.`,
  },
  de: {
    subject: ({ booth }) => `Bei ${booth} ist ein Termin für Sie frei geworden`,
    body: ({ booth, at, until }) =>
      `Bei ${booth} ist ein Termin frei geworden: ${at}. Er ist bis ${until} für Sie reserviert; buchen Sie ihn unter Meine Termine.`,
  },
  'pt-BR': {
    subject: ({ booth }) => `Um horário em ${booth} ficou livre para você`,
    body: ({ booth, at, until }) =>
      `Um horário de reunião em ${booth} ficou livre: ${at}. Ele está reservado para você até ${until}; agende em Meus compromissos.`,
  },
  ja: {
    subject: ({ booth }) => `${booth} の空き時間をご用意しました`,
    body: ({ booth, at, until }) =>
      `${booth} の商談時間に空きが出ました：${at}。${until} まであなたのために確保しています。「予約一覧」から予約してください。`,
  },
  ko: {
    subject: ({ booth }) => `${booth}에 예약 가능한 시간이 생겼습니다`,
    body: ({ booth, at, until }) => `${booth}에 미팅 시간이 비었습니다: ${at}. ${until}까지 회원님을 위해 확보해 두었으니 내 예약에서 예약하세요.`,
  },
  ru: {
    subject: ({ booth }) => `У стенда ${booth} освободилось время для вас`,
    body: ({ booth, at, until }) =>
      `У стенда ${booth} освободилось время встречи: ${at}. Оно закреплено за вами до ${until}; запишитесь в разделе «Мои встречи».`,
  },
  ar: {
    subject: ({ booth }) => `أصبح لديك موعد متاح لدى ${booth}`,
    body: ({ booth, at, until }) => `أصبح موعد اجتماع متاحًا لدى ${booth}: ${at}. هذا الموعد محجوز لك حتى ${until}؛ احجزه من صفحة مواعيدي.`,
  },
};

export function waitlistTexts(tag: string | null | undefined): Texts & { language: ServerLanguage } {
  const language = serverLanguage(tag);
  return { ...TEXTS[language], language };
}
