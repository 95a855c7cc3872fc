import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { instrumentWebRtc } from '../support/webrtc.js';
import { newPerson, registerGuest } from '../support/people.js';
import { uniqueRoom } from '../support/meeting.js';

// The expo hall, booking and the meeting room in English, Simplified Chinese and Arabic (right to
// left): the layout mirrors in Arabic, and screenshots of each page go to test-results/screens/
// for a person to review.

type Words = {
  untitled: string;
  viewBooth: string;
  times: string;
  yourName: string;
  join: string;
  leave: string;
  chat: string;
  send: string;
  message: string;
};
const WORDS: Record<'en' | 'zh-CN' | 'ar', Words> = {
  en: {
    untitled: 'Video meeting',
    viewBooth: 'View booth',
    times: 'Available times',
    yourName: 'Your name',
    join: 'Join',
    leave: 'Leave',
    chat: 'Chat',
    send: 'Send',
    message: 'Message',
  },
  'zh-CN': {
    untitled: '视频会议',
    viewBooth: '查看展位',
    times: '可选时间',
    yourName: '您的名字',
    join: '加入',
    leave: '离开',
    chat: '聊天',
    send: '发送',
    message: '消息',
  },
  ar: {
    untitled: 'اجتماع فيديو',
    viewBooth: 'عرض الجناح',
    times: 'الأوقات المتاحة',
    yourName: 'اسمك',
    join: 'انضم',
    leave: 'مغادرة',
    chat: 'الدردشة',
    send: 'إرسال',
    message: 'الرسالة',
  },
};
const ZONES = { en: 'America/Los_Angeles', 'zh-CN': 'Asia/Shanghai', ar: 'Asia/Dubai' } as const;

async function screen(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

async function anonymousJoin(browser: Browser, contexts: BrowserContext[], room: string, name: string): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  await instrumentWebRtc(context);
  const page = await context.newPage();
  await page.goto(`/meet/${room}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Leave' })).toBeVisible();
  return page;
}

test.describe('the expo, booking and meeting room in three languages', () => {
  test.describe.configure({ timeout: 150_000 });
  const contexts: BrowserContext[] = [];
  test.afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
  });

  for (const language of ['en', 'zh-CN', 'ar'] as const) {
    const w = WORDS[language];
    const rtl = language === 'ar';
    test(`${language}: the pages read in ${language}${rtl ? ' and mirror right to left' : ''}`, async ({ browser }) => {
      const person = await newPerson(browser, language === 'ar' ? 'Layla Haddad' : 'Lee Morgan', contexts);
      await registerGuest(person, { language, timeZone: ZONES[language], country: language === 'ar' ? 'AE' : 'US' });
      const { page } = person;

      // The expo hall.
      await page.goto('/expo');
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await expect(page.locator('html')).toHaveAttribute('dir', rtl ? 'rtl' : 'ltr');
      const booth = page.getByRole('article', { name: 'Shenzhen Photonics' });
      await expect(booth).toBeVisible();
      // The brand stands at the start of the header: the left in English, the right in Arabic.
      const brand = (await page.locator('.brand').boundingBox())!;
      const picker = (await page.locator('.language-picker').boundingBox())!;
      expect(rtl ? brand.x > picker.x : brand.x < picker.x, 'the header mirrors').toBe(true);
      await screen(page, `${language}-expo-hall`);

      // Booking: the booth page with its slot picker, a time chosen.
      await booth.getByRole('link', { name: w.viewBooth }).click();
      const times = page.getByRole('radiogroup', { name: w.times }).getByRole('radio');
      await expect(times.first()).toBeVisible({ timeout: 20_000 });
      await times.first().check();
      const buttons = page.locator('.slot-nav button');
      const previous = (await buttons.first().boundingBox())!;
      const next = (await buttons.last().boundingBox())!;
      expect(rtl ? previous.x > next.x : previous.x < next.x, '“previous days” sits at the start').toBe(true);
      await screen(page, `${language}-booking`);

      // The meeting room, with a second participant whose name is in the other script, and chat open.
      const room = uniqueRoom(`rtl-${language}`);
      await page.goto(`/meet/${room}`);
      await page.getByLabel(w.yourName).fill(person.name);
      await page.getByRole('button', { name: w.join, exact: true }).click();
      const leave = page.getByRole('button', { name: w.leave });
      await expect(leave).toBeVisible();
      // A room opened by its link has no booth or party to name: a generic title, never the room id.
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.untitled);
      await anonymousJoin(browser, contexts, room, 'ليلى حداد');
      await expect(page.getByRole('figure', { name: 'ليلى حداد' })).toBeVisible();
      const chat = page.getByRole('button', { name: w.chat });
      if (await chat.isVisible()) await chat.click();
      const message = page.getByLabel(w.message, { exact: true });
      if (await message.isVisible()) {
        await message.fill(rtl ? 'مرحبًا! Shenzhen Photonics, 2 PM?' : 'Hello from the expo');
        await page.getByRole('button', { name: w.send }).click();
      }
      // The "leave" arrow points out of the room: mirrored in Arabic.
      const transform = await leave.locator('svg.icon--directional').evaluate((svg) => getComputedStyle(svg).transform);
      expect(transform).toBe(rtl ? 'matrix(-1, 0, 0, 1, 0, 0)' : 'none');
      await screen(page, `${language}-meeting-room`);
    });
  }
});
