import type { ReactNode } from 'react';

/** Terms and their values (a record's details); an item without a value is left out. */
export function DescriptionList({
  items,
  className,
}: {
  items: { term: ReactNode; value: ReactNode; key: string; lang?: string }[];
  className?: string;
}) {
  return (
    <dl className={className ?? 'details'}>
      {items
        .filter((item) => item.value !== null && item.value !== undefined && item.value !== '')
        .map((item) => (
          <div key={item.key}>
            <dt>{item.term}</dt>
            <dd lang={item.lang}>{item.value}</dd>
          </div>
        ))}
    </dl>
  );
}
