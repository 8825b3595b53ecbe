import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import {
  $createParagraphNode,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  $setSelection,
  COMMAND_PRIORITY_LOW,
  DROP_COMMAND,
  PASTE_COMMAND,
  type BaseSelection,
} from 'lexical';
import ImagePlus from 'lucide-react/icons/image-plus';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PHOTO_TYPES } from '~/lib/pictures';
import { LIMITS } from '../richtext';
import { $createImageNode } from './image-node';

type Uploaded = { id: string; url: string; width: number; height: number };

/** The first picture file of a paste or a drop, if any. */
function pictureIn(data: DataTransfer | null | undefined): File | null {
  for (const file of Array.from(data?.files ?? [])) if (file.type.startsWith('image/')) return file;
  return null;
}

/**
 * The editor's picture button (Lucide ImagePlus) and its small form: a file, or one pasted or
 * dropped into the editor, and its required description; "Insert" uploads it to
 * POST /channels/<channel>/pictures (re-encoded and staged on the server) and puts the picture
 * at the caret. For the Toolbar: `button` joins its buttons, `panel` goes below it. Null without
 * a channel (nowhere to upload to).
 */
export function usePictureButton(channelId: string | undefined) {
  const { t } = useTranslation('content');
  const [editor] = useLexicalComposerContext();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState<File | null>(null);
  const saved = useRef<BaseSelection | null>(null);
  const panelId = useId();

  const openWith = (file: File | null) => {
    saved.current = editor.getEditorState().read(() => $getSelection()?.clone() ?? null);
    setPending(file);
    setOpen(true);
  };
  useEffect(() => {
    if (!channelId) return;
    const take = (data: DataTransfer | null | undefined, event: Event) => {
      const file = pictureIn(data);
      if (!file) return false;
      event.preventDefault();
      openWith(file);
      return true;
    };
    return mergeRegister(
      editor.registerCommand(PASTE_COMMAND, (event) => take((event as ClipboardEvent).clipboardData, event), COMMAND_PRIORITY_LOW),
      editor.registerCommand(DROP_COMMAND, (event) => take(event.dataTransfer, event), COMMAND_PRIORITY_LOW),
    );
    // openWith reads the editor only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor, channelId]);

  if (!channelId) return null;
  const close = () => {
    setOpen(false);
    setPending(null);
    editor.getRootElement()?.closest('.rt-editor')?.querySelector<HTMLButtonElement>('.rt-button-picture')?.focus();
  };
  const insert = (picture: Uploaded, alt: string) => {
    editor.update(() => {
      if (saved.current) $setSelection(saved.current.clone());
      let selection = $getSelection();
      if (!$isRangeSelection(selection)) {
        $getRoot().selectEnd();
        selection = $getSelection();
      }
      const node = $createImageNode(picture.id, alt, picture.width, picture.height);
      if ($isRangeSelection(selection)) selection.insertNodes([node]);
      else $getRoot().append($createParagraphNode().append(node));
    });
    setOpen(false);
    setPending(null);
    editor.focus();
  };
  return {
    button: {
      key: 'picture',
      icon: ImagePlus,
      label: t('picture.button'),
      expanded: open,
      controls: open ? panelId : undefined,
      onClick: () => (open ? close() : openWith(null)),
    },
    panel: open ? <PicturePanel id={panelId} channelId={channelId} file={pending} onInsert={insert} onCancel={close} /> : null,
  };
}

function PicturePanel({
  id,
  channelId,
  file: given,
  onInsert,
  onCancel,
}: {
  id: string;
  channelId: string;
  file: File | null;
  onInsert: (picture: Uploaded, alt: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('content');
  const [alt, setAlt] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const altRef = useRef<HTMLInputElement>(null);
  useEffect(() => (given ? altRef.current : fileRef.current)?.focus(), [given]);

  const submit = async () => {
    const file = given ?? fileRef.current?.files?.[0] ?? null;
    if (!file) {
      setError(t('errors.pictureMissing'));
      fileRef.current?.focus();
      return;
    }
    const description = alt.replace(/\s+/g, ' ').trim();
    if (!description) {
      setError(t('errors.pictureAlt'));
      altRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body = new FormData();
      const csrf = altRef.current?.form?.querySelector<HTMLInputElement>('input[name="csrf"]')?.value ?? '';
      body.append('csrf', csrf);
      body.append('picture', file, file.name || 'picture');
      const response = await fetch(`/channels/${encodeURIComponent(channelId)}/pictures`, { method: 'POST', body });
      if (!response.ok) throw new Error(String(response.status));
      onInsert((await response.json()) as Uploaded, description);
    } catch {
      setError(t('picture.failed'));
      setBusy(false);
    }
  };

  return (
    <div className="rt-link-form" id={id} role="group" aria-labelledby={`${id}-label`}>
      <p id={`${id}-label`} className="label">
        {t('picture.dialog')}
      </p>
      {given ? (
        <p className="hint">{given.name}</p>
      ) : (
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('picture.choose')}</label>
          <p className="hint" id={`${id}-file-hint`}>
            {t('picture.fileHint')}
          </p>
          <input ref={fileRef} id={`${id}-file`} type="file" accept={PHOTO_TYPES.join(',')} aria-describedby={`${id}-file-hint`} />
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-alt`}>{t('picture.alt')}</label>
        <p className="hint" id={`${id}-alt-hint`}>
          {t('picture.altHint')}
        </p>
        <input
          ref={altRef}
          id={`${id}-alt`}
          type="text"
          value={alt}
          maxLength={LIMITS.alt}
          aria-describedby={error ? `${id}-alt-hint ${id}-error` : `${id}-alt-hint`}
          aria-invalid={error ? true : undefined}
          onChange={(e) => setAlt(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault(); // do not submit the surrounding form
              void submit();
            } else if (e.key === 'Escape') {
              e.preventDefault();
              onCancel();
            }
          }}
        />
      </div>
      <p className="visually-hidden" role="status">
        {busy ? t('picture.uploading') : ''}
      </p>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <div className="row-actions">
        <button type="button" className="button button-small" onClick={() => void submit()} disabled={busy}>
          {t('picture.insert')}
        </button>
        <button type="button" className="button button-small" onClick={onCancel}>
          {t('picture.cancel')}
        </button>
      </div>
    </div>
  );
}
