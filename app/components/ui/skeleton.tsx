/**
 * A placeholder of `lines` grey bars while deferred data streams in (the fallback of a Suspense
 * around `<Await>`). It says "loading" to screen readers once, not line by line.
 */
export function Skeleton({ lines = 3, label }: { lines?: number; label: string }) {
  return (
    <div className="skeleton" role="status" aria-live="polite">
      <span className="visually-hidden">{label}</span>
      {Array.from({ length: lines }, (_, i) => (
        <span key={i} aria-hidden="true" className="skeleton-line" />
      ))}
    </div>
  );
}
