import type { ReactNode } from 'react';

/**
 * A secret link just made (an invite, a private calendar feed), shown on the answer that made it
 * and never again (only its hash is kept): a message and the link, ready to copy.
 */
export function ShownOnceLink({
  id,
  message,
  label,
  url,
  children,
}: {
  id: string;
  message: string;
  label: string;
  url: string;
  children?: ReactNode;
}) {
  return (
    <div className="alert alert-success" role="status">
      <p>{message}</p>
      <p>
        <label htmlFor={id}>{label}</label>
        <input id={id} type="url" readOnly value={url} />
      </p>
      {children}
    </div>
  );
}
