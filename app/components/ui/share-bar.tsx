import type { ReactNode } from 'react';

/**
 * A figure with a bar of its share (0–1) drawn before it, for a table cell: each bar sits in the
 * row of its figure, so chart and table line up by construction. The bar is an SVG with a width
 * attribute (no inline style, which the CSP forbids) and is hidden from assistive technology: the
 * figure beside it is what is read.
 */
export function ShareBar({ share, children }: { share: number; children: ReactNode }) {
  const width = Math.min(Math.max(share * 100, 0.5), 100);
  return (
    <span className="share-bar">
      <svg className="results-chart" aria-hidden="true" focusable="false" viewBox="0 0 100 10" preserveAspectRatio="none">
        <rect x="0" y="0" height="10" width={width} />
      </svg>
      <span>{children}</span>
    </span>
  );
}
