import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import type { Notice } from '../../media/MeetingClient';
import { problemText } from './problemText';

/** How long a notice stays before it closes itself, in ms. */
const NOTICE_LIFETIME_MS = 12_000;

/** Failed requests, media problems and what a host did to you, each in plain words, dismissable. */
export function Notices({ notices, onDismiss }: { notices: readonly Notice[]; onDismiss: (id: number) => void }) {
  return (
    <div className="notices">
      {notices.map((notice) => (
        <NoticeItem key={notice.id} notice={notice} onDismiss={onDismiss} />
      ))}
    </div>
  );
}

function NoticeItem({ notice, onDismiss }: { notice: Notice; onDismiss: (id: number) => void }) {
  const { t } = useTranslation();
  useEffect(() => {
    const timer = setTimeout(() => onDismiss(notice.id), NOTICE_LIFETIME_MS);
    return () => clearTimeout(timer);
  }, [notice.id, onDismiss]);
  let text;
  if (notice.kind === 'info') text = <p>{t(`notice.${notice.info}`)}</p>;
  else {
    const what = notice.action === 'receive' ? t('notice.receive', { name: notice.subject ?? '' }) : t(`notice.${notice.action}`);
    text = (
      <p>
        <strong>{what}</strong> {problemText(t, notice.problem)}
      </p>
    );
  }
  return (
    <div role={notice.kind === 'info' ? 'status' : 'alert'} className={notice.kind === 'info' ? 'notice notice--info' : 'notice'}>
      {text}
      <button type="button" className="icon-button" onClick={() => onDismiss(notice.id)}>
        <Icon name="close" />
        <span className="visually-hidden">{t('room.dismiss')}</span>
      </button>
    </div>
  );
}
