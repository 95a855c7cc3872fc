import { useFormat } from '../../time/useFormat';

/** One headline number: its label, its value (a count, or text such as "30 min"). */
export type Figure = { label: string; value: number | string };

/** Headline numbers as a description list, counts in the reader's locale. */
export function Figures({ items, label }: { items: Figure[]; label: string }) {
  const fmt = useFormat();
  const number = new Intl.NumberFormat(fmt.locale);
  return (
    <dl className="figures" aria-label={label}>
      {items.map((item) => (
        <div key={item.label} className="figures__item">
          <dt>{item.label}</dt>
          <dd>{typeof item.value === 'number' ? number.format(item.value) : item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
