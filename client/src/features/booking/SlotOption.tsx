import type { CompactSlot } from '@ca/signaling';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../time/useFormat';
import { DstWarnings } from './DstWarnings';

type Props = {
  slot: CompactSlot;
  name: string;
  zone: string;
  checked: boolean;
  onSelect: (slot: CompactSlot) => void;
  /** Its local time appears twice that day (a fall-back night): shown with the UTC offset. */
  repeated?: boolean;
};

/**
 * One bookable time: a radio named by the guest's local time ("09:00"), described by the
 * exhibitor's local time and zone and any night, preference or clock-change notes.
 */
export function SlotOption({ slot, name, zone, checked, onSelect, repeated = false }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const id = useId();
  const classes = ['slot', slot.preferred ? 'slot--preferred' : '', slot.nightForGuest || slot.nightForStaff ? 'slot--night' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <label className={classes}>
      <input
        type="radio"
        className="slot__input"
        name={name}
        value={slot.start}
        checked={checked}
        onChange={() => onSelect(slot)}
        aria-labelledby={`${id}-time`}
        aria-describedby={`${id}-detail`}
      />
      <span id={`${id}-time`} className="slot__time">
        {repeated ? fmt.timeWithOffset(slot.start, zone) : fmt.time(slot.start, zone)}
      </span>
      <span id={`${id}-detail`} className="slot__detail">
        <span className="slot__staff">
          {fmt.time(slot.start, slot.staffZone)} <span title={slot.staffZone}>{fmt.zoneName(slot.staffZone)}</span>
        </span>
        {slot.preferred && <span className="slot__flag slot__flag--preferred">{t('booking.preferred')}</span>}
        {slot.seatsLeft > 1 && <span className="slot__flag">{t('booking.seatsLeft', { count: slot.seatsLeft })}</span>}
        {slot.nightForGuest && <span className="slot__flag">{t('booking.nightForYou')}</span>}
        {slot.nightForStaff && <span className="slot__flag">{t('booking.nightForExhibitor')}</span>}
        {slot.dstWarnings.length > 0 && (
          <span className="slot__flag slot__flag--dst">
            <span aria-hidden="true">{t('booking.clockChange')}</span>
            <span className="visually-hidden">
              <DstWarnings warnings={slot.dstWarnings} />
            </span>
          </span>
        )}
      </span>
    </label>
  );
}
