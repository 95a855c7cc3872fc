import { serverLanguage, type ServerLanguage } from './languages.js';

/** What changed, as the other side of an appointment is told in the app. */
export type StatusChange = 'confirmed' | 'declined' | 'cancelled';

type Texts = Record<StatusChange, (v: { other: string; booth: string; at: string }) => string>;

/** In-app notices of an appointment's answer or cancellation, in each of the 11 languages; `at` comes formatted by `formatWhen`. */
const TEXTS: Record<ServerLanguage, Texts> = {
  en: {
    confirmed: ({ other, booth, at }) => `${other} (${booth}) accepted your meeting on ${at}.`,
    declined: ({ other, booth, at }) => `${other} (${booth}) could not take your meeting on ${at}. Please pick another time.`,
    cancelled: ({ other, booth, at }) => `${other} (${booth}) cancelled the meeting on ${at}.`,
  },
  'zh-CN': {
    confirmed: ({ other, booth, at }) => `${other}（${booth}）已接受您 ${at} 的会议。`,
    declined: ({ other, booth, at }) => `${other}（${booth}）无法参加您 ${at} 的会议，请另选时间。`,
    cancelled: ({ other, booth, at }) => `${other}（${booth}）已取消 ${at} 的会议。`,
  },
  'zh-TW': {
    confirmed: ({ other, booth, at }) => `${other}（${booth}）已接受您 ${at} 的會議。`,
    declined: ({ other, booth, at }) => `${other}（${booth}）無法參加您 ${at} 的會議，請另選時間。`,
    cancelled: ({ other, booth, at }) => `${other}（${booth}）已取消 ${at} 的會議。`,
  },
  es: {
    confirmed: ({ other, booth, at }) => `${other} (${booth}) aceptó su reunión del ${at}.`,
    declined: ({ other, booth, at }) => `${other} (${booth}) no puede atender su reunión del ${at}. Elija otra hora, por favor.`,
    cancelled: ({ other, booth, at }) => `${other} (${booth}) canceló la reunión del ${at}.`,
  },
  fr: {
    confirmed: ({ other, booth, at }) => `${other} (${booth}) a accepté votre rendez-vous du ${at}.`,
    declined: ({ other, booth, at }) => `${other} (${booth}) ne peut pas assurer votre rendez-vous du ${at}. Merci de choisir un autre créneau.`,
    cancelled: ({ other, booth, at }) => `${other} (${booth}) a annulé le rendez-vous du ${at}.`,
  },
  de: {
    confirmed: ({ other, booth, at }) => `${other} (${booth}) hat Ihren Termin am ${at} angenommen.`,
    declined: ({ other, booth, at }) => `${other} (${booth}) kann Ihren Termin am ${at} nicht wahrnehmen. Bitte wählen Sie eine andere Zeit.`,
    cancelled: ({ other, booth, at }) => `${other} (${booth}) hat den Termin am ${at} abgesagt.`,
  },
  'pt-BR': {
    confirmed: ({ other, booth, at }) => `${other} (${booth}) aceitou sua reunião de ${at}.`,
    declined: ({ other, booth, at }) => `${other} (${booth}) não pode atender sua reunião de ${at}. Escolha outro horário, por favor.`,
    cancelled: ({ other, booth, at }) => `${other} (${booth}) cancelou a reunião de ${at}.`,
  },
  ja: {
    confirmed: ({ other, booth, at }) => `${other}（${booth}）が ${at} の商談を承認しました。`,
    declined: ({ other, booth, at }) => `${other}（${booth}）は ${at} の商談に対応できません。別の時間をお選びください。`,
    cancelled: ({ other, booth, at }) => `${other}（${booth}）が ${at} の商談をキャンセルしました。`,
  },
  ko: {
    confirmed: ({ other, booth, at }) => `${other}(${booth}) 님이 ${at} 미팅을 수락했습니다.`,
    declined: ({ other, booth, at }) => `${other}(${booth}) 님이 ${at} 미팅을 진행할 수 없습니다. 다른 시간을 선택해 주세요.`,
    cancelled: ({ other, booth, at }) => `${other}(${booth}) 님이 ${at} 미팅을 취소했습니다.`,
  },
  ru: {
    confirmed: ({ other, booth, at }) => `${other} (${booth}) подтвердил(а) вашу встречу ${at}.`,
    declined: ({ other, booth, at }) => `${other} (${booth}) не может провести вашу встречу ${at}. Пожалуйста, выберите другое время.`,
    cancelled: ({ other, booth, at }) => `${other} (${booth}) отменил(а) встречу ${at}.`,
  },
  ar: {
    confirmed: ({ other, booth, at }) => `قبل ${other} (${booth}) اجتماعك في ${at}.`,
    declined: ({ other, booth, at }) => `تعذّر على ${other} (${booth}) عقد اجتماعك في ${at}. يُرجى اختيار وقت آخر.`,
    cancelled: ({ other, booth, at }) => `ألغى ${other} (${booth}) الاجتماع في ${at}.`,
  },
};

/** The notice of `change` for someone whose profile language is `tag`. */
export function statusText(tag: string | null | undefined, change: StatusChange, values: { other: string; booth: string; at: string }): string {
  return TEXTS[serverLanguage(tag)][change](values);
}
