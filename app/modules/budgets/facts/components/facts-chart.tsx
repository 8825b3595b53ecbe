import { formatMoney } from '../../money';

type Bar = { name: string; amount: string; compare: string | null };

const WIDTH = 600;
const LABEL = 18;
const BAR = 14;
const GAP = 12;

/**
 * The budget as horizontal bars, the year's (solid) over the compared year's (lighter), each
 * labelled with its name and amount. Hidden from assistive technology: the table beside it is
 * the accessible figure, with the same amounts.
 */
export function FactsChart({ bars, currency, lng }: { bars: Bar[]; currency: string; lng: string }) {
  const comparing = bars.some((b) => b.compare !== null);
  const rowHeight = LABEL + BAR * (comparing ? 2 : 1) + GAP;
  const largest = bars.reduce((max, b) => [BigInt(b.amount), BigInt(b.compare ?? 0)].reduce((m, v) => (v > m ? v : m), max), 0n);
  // Widths are a drawing, not money: a float share is fine here.
  const width = (amount: string) => (largest > 0n ? Math.max((Number(BigInt(amount)) / Number(largest)) * WIDTH, 1) : 1);
  return (
    <svg
      className="results-chart budget-facts-chart"
      aria-hidden="true"
      focusable="false"
      width="100%"
      viewBox={`0 0 ${WIDTH} ${bars.length * rowHeight}`}
    >
      {bars.map((b, i) => {
        const top = i * rowHeight;
        return (
          <g key={b.name}>
            <text x="0" y={top + LABEL - 5} fill="currentColor" fontSize="13">
              {b.name}: {formatMoney(b.amount, currency, lng)}
              {b.compare !== null ? ` (${formatMoney(b.compare, currency, lng)})` : ''}
            </text>
            <rect x="0" y={top + LABEL} height={BAR - 2} width={width(b.amount)} />
            {b.compare !== null ? <rect x="0" y={top + LABEL + BAR} height={BAR - 2} width={width(b.compare)} fillOpacity="0.4" /> : null}
          </g>
        );
      })}
    </svg>
  );
}
