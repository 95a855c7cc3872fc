import type { Appointment, CompactSlot } from '@ca/signaling';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTimeZone } from '../../time/useFormat';
import { todayIn } from '../../time/zones';
import { SlotPicker } from '../booking/SlotPicker';

type Props = { appointment: Appointment; onMove: (start: string) => Promise<void>; onClose: () => void };

/** Picks a new time with the same representative and length. */
export function Reschedule({ appointment: a, onMove, onClose }: Props) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  const [slot, setSlot] = useState<CompactSlot | null>(null);
  const [busy, setBusy] = useState(false);
  const select = useCallback((s: CompactSlot | null) => setSlot(s), []);
  const minutes = Math.round((Date.parse(a.end) - Date.parse(a.start)) / 60_000);

  const move = () => {
    if (!slot) return;
    setBusy(true);
    void onMove(slot.start).finally(() => setBusy(false));
  };

  return (
    <div className="reschedule">
      <h4>{t('appointments.rescheduleTitle')}</h4>
      <SlotPicker
        boothId={a.boothId}
        lengthMinutes={minutes}
        staffId={a.staff.id}
        zone={zone}
        firstDate={todayIn(zone)}
        lastDate={undefined}
        selected={slot?.start ?? null}
        onSelect={select}
      />
      <div className="button-row">
        <button type="button" className="button button--primary" onClick={move} disabled={!slot || busy}>
          {t('appointments.moveHere')}
        </button>
        <button type="button" className="button button--quiet" onClick={onClose}>
          {t('appointments.keepTime')}
        </button>
      </div>
    </div>
  );
}
