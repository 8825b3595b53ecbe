import { useRef, type ReactNode } from 'react';

/**
 * A submit button for an action that cannot be undone. With JavaScript it first asks in a modal
 * <dialog> (focus moves into it, Escape cancels); the confirming button then submits the same form
 * with the same name/value. Without JavaScript the button submits directly, so the server must
 * not rely on the question being asked.
 */
export function ConfirmButton({
  children,
  question,
  confirmLabel,
  cancelLabel,
  name,
  value,
  className = 'button button-danger',
}: {
  children: ReactNode;
  question: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  name?: string;
  value?: string;
  className?: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        ref={button}
        type="submit"
        name={name}
        value={value}
        className={className}
        onClick={(event) => {
          if (!dialog.current?.showModal) return;
          event.preventDefault();
          dialog.current.showModal();
        }}
      >
        {children}
      </button>
      <dialog ref={dialog} className="dialog" aria-label={typeof question === 'string' ? question : undefined}>
        <p>{question}</p>
        <div className="actions">
          <button
            type="button"
            className={className}
            onClick={() => {
              dialog.current?.close();
              button.current?.form?.requestSubmit(button.current);
            }}
          >
            {confirmLabel}
          </button>
          <button type="button" className="button button-secondary" onClick={() => dialog.current?.close()}>
            {cancelLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
