import type { FieldMetadata } from '@conform-to/react';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { ErrorText, Hint } from '~/components/ui/forms';
import { toFormattedText } from '../to-formatted-text';
import { keptDoc, parseRichText, type RichTextDoc } from '../richtext';
import { clearDraft, draftKey, readDraft } from './drafts';

type EditorModule = typeof import('./lexical-editor');
/** The editor's module once downloaded: later fields on the page (or after navigating) start with it. */
let loadedEditor: EditorModule | null = null;
function loadEditor(): Promise<EditorModule> {
  return loadedEditor ? Promise.resolve(loadedEditor) : import('./lexical-editor').then((module) => (loadedEditor = module));
}

type Field = FieldMetadata<string | undefined, any, string[]>;
type Props = {
  label: string;
  /** Conform's fields (`field={fields.body} textField={fields.bodyText}`): names, kept input and errors come from the submission. */
  field: Field;
  textField: Field;
  /** Content to start from (editing); what a failed post sent back (kept text or JSON) wins. */
  initialDoc?: RichTextDoc | null;
  hint?: ReactNode;
  rows?: number;
  /** The channel the post goes to: typing "@" and a name suggests people who can read it. */
  mentionChannelId?: string;
};

/**
 * A rich-text field with progressive enhancement: the server render (and a browser without
 * JavaScript) shows a labelled <textarea name={textField.name}>; with JavaScript, when someone
 * starts to write (focus), it becomes a Lexical editor, downloaded then, whose JSON is posted in
 * a hidden <input name={field.name}>. The server reads
 * either with bodyOf() (body.server.ts), from the fields of `BodyFields` (body.ts).
 */
export function RichTextEditor({ label, field, textField, initialDoc: givenDoc, hint, rows = 8, mentionChannelId }: Props) {
  const { t } = useTranslation('content');
  const id = useId();
  const fieldErrors = field.errors ?? textField.errors;
  const keptText = textField.initialValue;
  const initialText = typeof keptText === 'string' && keptText ? keptText : undefined;
  const initialDoc = (typeof field.initialValue === 'string' ? keptDoc(field.initialValue) : null) ?? givenDoc ?? null;
  const described = [hint ? `${id}-hint` : null, fieldErrors?.length ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const startText = initialText ?? (initialDoc ? toFormattedText(initialDoc) : '');
  const aria = { 'aria-invalid': fieldErrors?.length ? true : undefined, 'aria-describedby': described };

  const textareaRef = useRef<HTMLTextAreaElement>(null);
  // `json` is what the editor starts from, `original` what it started from before a draft was
  // restored (for "Discard draft"); `version` remounts the editor on discard.
  // `storageKey` is where the draft is kept (drafts.ts), known once in the browser.
  const [enhanced, setEnhanced] = useState<{
    Editor: EditorModule['Editor'];
    json: string | null;
    original: string | null;
    restored: boolean;
    version: number;
    storageKey: string;
    focus: boolean;
  } | null>(null);
  const starting = useRef(false);
  const storageKeyOf = () => draftKey(window.location.pathname, field.name);
  // A failed submission's input is newer than any draft.
  const kept = initialText !== undefined || typeof field.initialValue === 'string';

  const enhance = (focus: boolean) => {
    if (starting.current) return;
    starting.current = true;
    void loadEditor().then(({ Editor, fromFormattedText }) => {
      // Keep whatever was typed into the textarea before the editor arrived.
      const typed = textareaRef.current?.value ?? startText;
      let start: RichTextDoc | null = null;
      if (typed !== startText || initialText !== undefined || !initialDoc) {
        const parsed = parseRichText(fromFormattedText(typed));
        start = parsed.ok ? parsed.doc : null;
      } else {
        start = initialDoc;
      }
      const json = start && start.root.children.length ? JSON.stringify(start) : null;
      const storageKey = storageKeyOf();
      const draft = kept ? null : readDraft(storageKey);
      const restored = draft !== null && draft !== json && keptDoc(draft) !== null;
      if (draft !== null && !restored) clearDraft(storageKey);
      // The textarea may have the focus: React removes it during its commit, when it ignores
      // events, so Conform's blur check would post the form natively. Without a name, Conform
      // does not see it as a field (its blur is no field's blur); the editor replaces it in the
      // same task, so a submission never finds neither of them.
      textareaRef.current?.removeAttribute('name');
      flushSync(() => setEnhanced({ Editor, json: restored ? draft : json, original: json, restored, version: 0, storageKey, focus }));
    });
  };

  useEffect(() => {
    // The editor comes at once when it is already loaded or a draft waits to be restored;
    // otherwise when someone starts to write (focus on the textarea).
    if (loadedEditor || (!kept && readDraft(storageKeyOf()) !== null)) enhance(false);
    // Runs once, on hydration.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (!enhanced) {
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <Hint id={`${id}-hint`} hint={hint} />
        <textarea
          ref={textareaRef}
          id={id}
          name={textField.name}
          rows={rows}
          defaultValue={startText}
          onFocus={() => enhance(true)}
          // A pointer over the field starts the download a moment before the tap or click.
          onPointerEnter={() => void loadEditor()}
          {...aria}
        />
        <p className="hint">{t('editor.plainHint')}</p>
        <ErrorText messages={fieldErrors} id={`${id}-error`} />
      </div>
    );
  }

  return (
    <div className="field rt-field">
      <span className="label" id={`${id}-label`}>
        {label}
      </span>
      <Hint id={`${id}-hint`} hint={hint} />
      {enhanced.restored ? (
        <p className="rt-draft-notice" role="status">
          {t('editor.draftRestored')}{' '}
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              clearDraft(enhanced.storageKey);
              setEnhanced({ ...enhanced, json: enhanced.original, restored: false, version: enhanced.version + 1 });
            }}
          >
            {t('editor.discardDraft')}
          </button>
        </p>
      ) : null}
      <enhanced.Editor
        key={enhanced.version}
        autoFocus={enhanced.focus}
        id={id}
        name={field.name}
        initialJson={enhanced.json}
        draftKey={enhanced.storageKey}
        mentionChannelId={mentionChannelId}
        {...aria}
      />
      <ErrorText messages={fieldErrors} id={`${id}-error`} />
    </div>
  );
}
