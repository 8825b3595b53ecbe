/** Horizontal bars, one per figure (its share of the largest possible); hidden from assistive technology: the table beside it has the figures. */
export function BarChart({ bars }: { bars: { share: number }[] }) {
  const step = 10;
  return (
    <svg
      className="results-chart"
      aria-hidden="true"
      focusable="false"
      width="100%"
      height={bars.length * 24}
      viewBox={`0 0 100 ${bars.length * step}`}
      preserveAspectRatio="none"
    >
      {bars.map((b, i) => (
        <rect key={i} x="0" y={i * step + 2} height={step - 4} width={Math.max(b.share * 100, 0.5)} />
      ))}
    </svg>
  );
}
