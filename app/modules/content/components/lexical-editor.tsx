import { $isLinkNode, $toggleLink, $createLinkNode, LinkNode } from '@lexical/link';
import { INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND, ListItemNode, ListNode, REMOVE_LIST_COMMAND } from '@lexical/list';
import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { AutoFocusPlugin } from '@lexical/react/LexicalAutoFocusPlugin';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { OnChangePlugin } from '@lexical/react/LexicalOnChangePlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { $createHeadingNode, $createQuoteNode, $isHeadingNode, $isQuoteNode, HeadingNode, QuoteNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import { $getNearestNodeOfType, mergeRegister } from '@lexical/utils';
import {
  $createParagraphNode,
  $createTextNode,
  $getSelection,
  $isRangeSelection,
  $getRoot,
  $setSelection,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_CRITICAL,
  COMMAND_PRIORITY_LOW,
  FORMAT_ELEMENT_COMMAND,
  FORMAT_TEXT_COMMAND,
  ParagraphNode,
  REDO_COMMAND,
  TextNode,
  UNDO_COMMAND,
  type BaseSelection,
  type ElementNode,
  type Klass,
  type LexicalEditor,
  type TextFormatType,
} from 'lexical';
import type { LucideIcon } from 'lucide-react';
import Bold from 'lucide-react/icons/letter-b';
import Code from 'lucide-react/icons/code';
import Heading2 from 'lucide-react/icons/heading-2';
import Italic from 'lucide-react/icons/italic';
import LinkIcon from 'lucide-react/icons/link';
import List from 'lucide-react/icons/list';
import ListOrdered from 'lucide-react/icons/list-ordered';
import Quote from 'lucide-react/icons/quote';
import Redo2 from 'lucide-react/icons/redo-2';
import Underline from 'lucide-react/icons/underline';
import Undo2 from 'lucide-react/icons/undo-2';
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ALLOWED_TEXT_FORMAT, keptDoc, safeUrl } from '../richtext';
import { clearDraft, saveDraft } from './drafts';
import { MentionNode } from './mention-node';
import { ImageNode } from './image-node';
import { usePictureButton } from './image-plugin';
import { RichText } from './rich-text';
import { MentionsPlugin } from './mentions-plugin';

/** What was typed into the textarea before the editor came, read as the server reads it (downloaded with the editor). */
export { fromFormattedText } from '../formatted-text';

/**
 * The Lexical editor itself, with its toolbar, preview, drafts and plugins. It is a chunk of its
 * own, loaded by RichTextEditor (rich-text-editor.tsx) when someone starts to write, so readers
 * who never reply never download it (the thread page's JavaScript budget).
 */
const theme: InitialConfigType['theme'] = {
  paragraph: 'rt-p',
  quote: 'rt-quote',
  heading: { h2: 'rt-h2', h3: 'rt-h3', h4: 'rt-h4' },
  list: { ul: 'rt-ul', ol: 'rt-ol', listitem: 'rt-li', nested: { listitem: 'rt-li-nested' } },
  link: 'rt-link',
  text: { bold: 'rt-bold', italic: 'rt-italic', underline: 'rt-underline', code: 'rt-code' },
};

type EditorProps = {
  id: string;
  name: string;
  initialJson: string | null;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
  mentionChannelId?: string;
  /** Where the content is kept as a draft while it is written (drafts.ts). */
  draftKey: string;
  /** Focus the editor when it appears (it replaced the textarea someone was writing in). */
  autoFocus?: boolean;
};

export function Editor({
  id,
  name,
  initialJson,
  draftKey: storageKey,
  'aria-describedby': describedBy,
  'aria-invalid': invalid,
  mentionChannelId,
  autoFocus,
}: EditorProps) {
  const { t } = useTranslation('content');
  const [json, setJson] = useState(initialJson ?? '');
  const [preview, setPreview] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  // Submitting ends the draft: a refused post comes back with its input anyway.
  useEffect(() => {
    const form = inputRef.current?.form;
    if (!form) return;
    const onSubmit = () => clearDraft(storageKey);
    form.addEventListener('submit', onSubmit);
    return () => form.removeEventListener('submit', onSubmit);
  }, [storageKey]);
  const previewDoc = preview ? keptDoc(json) : null;
  // The editor box, where the mention suggestions are placed (it is their positioned parent).
  const [box, setBox] = useState<HTMLDivElement | null>(null);
  const initialConfig: InitialConfigType = {
    namespace: 'townsquare-richtext',
    theme,
    nodes: [HeadingNode, QuoteNode, ListNode, ListItemNode, LinkNode, MentionNode, ImageNode],
    editorState: initialJson ?? undefined,
    onError: (error) => {
      console.error(error);
    },
  };
  return (
    <LexicalComposer initialConfig={initialConfig}>
      <div className="rt-modes" role="group" aria-label={t('editor.mode')}>
        <button type="button" className="rt-mode" aria-pressed={!preview} onClick={() => setPreview(false)}>
          {t('editor.write')}
        </button>
        <button type="button" className="rt-mode" aria-pressed={preview} onClick={() => setPreview(true)}>
          {t('editor.preview')}
        </button>
      </div>
      {preview ? (
        <div className="rt-preview" aria-labelledby={`${id}-label`} role="region">
          {previewDoc ? <RichText doc={previewDoc} /> : <p className="muted">{t('editor.nothingToPreview')}</p>}
        </div>
      ) : null}
      <div className={invalid ? 'rt-editor rt-editor-invalid' : 'rt-editor'} ref={setBox} hidden={preview}>
        <Toolbar editorId={`${id}-input`} channelId={mentionChannelId} />
        <RichTextPlugin
          contentEditable={
            <ContentEditable
              id={`${id}-input`}
              className="rt-input rich-text"
              aria-labelledby={`${id}-label`}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              aria-multiline
              // "@" and a name bring up suggestions (MentionsPlugin).
              aria-autocomplete={mentionChannelId ? 'list' : undefined}
            />
          }
          ErrorBoundary={LexicalErrorBoundary}
        />
      </div>
      <HistoryPlugin />
      {autoFocus ? <AutoFocusPlugin defaultSelection="rootEnd" /> : null}
      <ListPlugin />
      <LinkPlugin validateUrl={(url) => safeUrl(url) !== null} />
      <SubsetPlugin />
      {mentionChannelId && box ? <MentionsPlugin channelId={mentionChannelId} parent={box} /> : null}
      <OnChangePlugin
        ignoreSelectionChange
        onChange={(state) => {
          const next = JSON.stringify(state.toJSON());
          setJson(next);
          const empty = state.read(() => $getRoot().getTextContent().trim() === '');
          if (empty || next === initialJson) clearDraft(storageKey);
          else saveDraft(storageKey, next);
        }}
      />
      <input ref={inputRef} type="hidden" name={name} value={json} />
    </LexicalComposer>
  );
}

/**
 * Keeps the editor inside what the server accepts, so a paste never produces a post that is
 * refused: unsupported text formats and inline styles are cleared, alignment is dropped, h1
 * becomes h2 and h5/h6 become h4, checklists become bulleted lists, and links with an unsafe or
 * relative address are unwrapped to their text.
 */
function SubsetPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    const allowed = new Set<TextFormatType>(['bold', 'italic', 'underline', 'code']);
    const noAlignment = (klass: Klass<ElementNode>) =>
      editor.registerNodeTransform(klass, (node) => {
        if (node.getFormatType() !== '') node.setFormat('');
      });
    return mergeRegister(
      editor.registerCommand(FORMAT_TEXT_COMMAND, (format) => !allowed.has(format), COMMAND_PRIORITY_CRITICAL),
      editor.registerCommand(FORMAT_ELEMENT_COMMAND, () => true, COMMAND_PRIORITY_CRITICAL),
      editor.registerNodeTransform(TextNode, (node) => {
        const format = node.getFormat();
        if (format & ~ALLOWED_TEXT_FORMAT) node.setFormat(format & ALLOWED_TEXT_FORMAT);
        if (node.getStyle() !== '') node.setStyle('');
      }),
      editor.registerNodeTransform(HeadingNode, (node) => {
        const tag = node.getTag();
        if (tag === 'h1') node.setTag('h2');
        else if (tag === 'h5' || tag === 'h6') node.setTag('h4');
        if (node.getFormatType() !== '') node.setFormat('');
      }),
      editor.registerNodeTransform(ListNode, (node) => {
        if (node.getListType() === 'check') node.setListType('bullet');
      }),
      editor.registerNodeTransform(LinkNode, (node) => {
        const url = safeUrl(node.getURL());
        if (url === null) {
          for (const child of node.getChildren()) node.insertBefore(child);
          node.remove();
        } else if (url !== node.getURL()) {
          node.setURL(url);
        }
      }),
      noAlignment(ParagraphNode),
      noAlignment(QuoteNode),
      noAlignment(ListItemNode),
    );
  }, [editor]);
  return null;
}

type ToolbarState = {
  bold: boolean;
  italic: boolean;
  underline: boolean;
  code: boolean;
  list: 'bullet' | 'number' | null;
  quote: boolean;
  heading: boolean;
  link: boolean;
};
const EMPTY_STATE: ToolbarState = {
  bold: false,
  italic: false,
  underline: false,
  code: false,
  list: null,
  quote: false,
  heading: false,
  link: false,
};

function readToolbarState(): ToolbarState {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return EMPTY_STATE;
  const node = selection.anchor.getNode();
  const list = $getNearestNodeOfType(node, ListNode);
  const top = node.getKey() === 'root' ? null : node.getTopLevelElement();
  const listType = list?.getListType();
  return {
    bold: selection.hasFormat('bold'),
    italic: selection.hasFormat('italic'),
    underline: selection.hasFormat('underline'),
    code: selection.hasFormat('code'),
    list: listType === 'bullet' || listType === 'number' ? listType : null,
    quote: $isQuoteNode(top),
    heading: $isHeadingNode(top),
    link: $isLinkNode(node) || $isLinkNode(node.getParent()),
  };
}

function Toolbar({ editorId, channelId }: { editorId: string; channelId?: string }) {
  const { t } = useTranslation('content');
  const [editor] = useLexicalComposerContext();
  const [state, setState] = useState<ToolbarState>(EMPTY_STATE);
  const [linkOpen, setLinkOpen] = useState(false);
  const [canUndo, setCanUndo] = useState(false);
  const [canRedo, setCanRedo] = useState(false);
  const [focusIndex, setFocusIndex] = useState(0);
  const savedSelection = useRef<BaseSelection | null>(null);
  const toolbarRef = useRef<HTMLDivElement>(null);
  const linkButtonRef = useRef<HTMLButtonElement>(null);
  const toolbarId = useId();
  const picture = usePictureButton(channelId);

  useEffect(
    () =>
      mergeRegister(
        editor.registerUpdateListener(({ editorState }) => {
          editorState.read(() => setState(readToolbarState()));
        }),
        editor.registerCommand(
          CAN_UNDO_COMMAND,
          (can) => {
            setCanUndo(can);
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
        editor.registerCommand(
          CAN_REDO_COMMAND,
          (can) => {
            setCanRedo(can);
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
      ),
    [editor],
  );

  const format = (f: TextFormatType) => editor.dispatchCommand(FORMAT_TEXT_COMMAND, f);
  const toggleList = (type: 'bullet' | 'number') => {
    if (state.list === type) editor.dispatchCommand(REMOVE_LIST_COMMAND, undefined);
    else editor.dispatchCommand(type === 'bullet' ? INSERT_UNORDERED_LIST_COMMAND : INSERT_ORDERED_LIST_COMMAND, undefined);
  };
  const toggleQuote = () =>
    editor.update(() => {
      const selection = $getSelection();
      if (state.quote) $setBlocksType(selection, () => $createParagraphNode());
      else $setBlocksType(selection, () => $createQuoteNode());
    });
  const toggleHeading = () =>
    editor.update(() => {
      const selection = $getSelection();
      if (state.heading) $setBlocksType(selection, () => $createParagraphNode());
      else $setBlocksType(selection, () => $createHeadingNode('h2'));
    });
  const openLink = () => {
    savedSelection.current = editor.getEditorState().read(() => $getSelection()?.clone() ?? null);
    setLinkOpen(true);
  };
  const closeLink = useCallback(() => {
    setLinkOpen(false);
    linkButtonRef.current?.focus();
  }, []);

  type ToolButton = {
    key: string;
    icon: LucideIcon;
    label: string;
    pressed?: boolean;
    expanded?: boolean;
    /** The id of the panel an expanded button opened. */
    controls?: string;
    disabled?: boolean;
    onClick: () => void;
  };
  const buttons: ToolButton[] = [
    { key: 'bold', icon: Bold, label: t('editor.bold'), pressed: state.bold, onClick: () => format('bold') },
    { key: 'italic', icon: Italic, label: t('editor.italic'), pressed: state.italic, onClick: () => format('italic') },
    { key: 'underline', icon: Underline, label: t('editor.underline'), pressed: state.underline, onClick: () => format('underline') },
    { key: 'heading', icon: Heading2, label: t('editor.heading'), pressed: state.heading, onClick: toggleHeading },
    { key: 'bulletList', icon: List, label: t('editor.bulletList'), pressed: state.list === 'bullet', onClick: () => toggleList('bullet') },
    {
      key: 'numberList',
      icon: ListOrdered,
      label: t('editor.numberList'),
      pressed: state.list === 'number',
      onClick: () => toggleList('number'),
    },
    { key: 'quote', icon: Quote, label: t('editor.quote'), pressed: state.quote, onClick: toggleQuote },
    {
      key: 'link',
      icon: LinkIcon,
      label: t('editor.link'),
      expanded: linkOpen,
      controls: linkOpen ? `${toolbarId}-link` : undefined,
      onClick: () => (linkOpen ? closeLink() : openLink()),
    },
    ...(picture ? [picture.button] : []),
    { key: 'code', icon: Code, label: t('editor.code'), pressed: state.code, onClick: () => format('code') },
    {
      key: 'undo',
      icon: Undo2,
      label: t('editor.undo'),
      disabled: !canUndo,
      onClick: () => editor.dispatchCommand(UNDO_COMMAND, undefined),
    },
    {
      key: 'redo',
      icon: Redo2,
      label: t('editor.redo'),
      disabled: !canRedo,
      onClick: () => editor.dispatchCommand(REDO_COMMAND, undefined),
    },
  ];

  /** A toolbar is one tab stop; arrow keys, Home and End move between its buttons. */
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = { ArrowRight: focusIndex + 1, ArrowLeft: focusIndex - 1, Home: 0, End: buttons.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = (moves[event.key] + buttons.length) % buttons.length;
    setFocusIndex(next);
    toolbarRef.current?.querySelectorAll<HTMLButtonElement>('button')[next]?.focus();
  };

  return (
    <>
      <div
        role="toolbar"
        aria-label={t('editor.toolbar')}
        aria-controls={editorId}
        className="rt-toolbar"
        ref={toolbarRef}
        onKeyDown={onKeyDown}
      >
        {buttons.map((b, i) => (
          <button
            key={b.key}
            ref={b.key === 'link' ? linkButtonRef : undefined}
            type="button"
            className={`rt-button rt-button-${b.key}`}
            tabIndex={i === focusIndex ? 0 : -1}
            aria-pressed={b.pressed === undefined ? undefined : b.pressed}
            aria-expanded={b.expanded === undefined ? undefined : b.expanded}
            aria-controls={b.controls}
            // aria-disabled rather than disabled: the button keeps its place in the arrow-key order.
            aria-disabled={b.disabled || undefined}
            title={b.label}
            onFocus={() => setFocusIndex(i)}
            onClick={b.disabled ? undefined : b.onClick}
          >
            <b.icon aria-hidden="true" size={20} />
            <span className="visually-hidden">{b.label}</span>
          </button>
        ))}
      </div>
      {linkOpen ? (
        <LinkForm id={`${toolbarId}-link`} editor={editor} inLink={state.link} selection={savedSelection.current} onDone={closeLink} />
      ) : null}
      {picture?.panel}
    </>
  );
}

function LinkForm({
  id,
  editor,
  inLink,
  selection,
  onDone,
}: {
  id: string;
  editor: LexicalEditor;
  inLink: boolean;
  selection: BaseSelection | null;
  onDone: () => void;
}) {
  const { t } = useTranslation('content');
  const [value, setValue] = useState('');
  const [error, setError] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => inputRef.current?.focus(), []);

  const apply = (url: string | null) => {
    editor.update(() => {
      if (selection) $setSelection(selection.clone());
      const current = $getSelection();
      if (url && $isRangeSelection(current) && current.isCollapsed()) {
        current.insertNodes([$createLinkNode(url).append($createTextNode(value.trim()))]);
      } else {
        $toggleLink(url);
      }
    });
    onDone();
    editor.focus();
  };
  const submit = () => {
    const url = safeUrl(value.trim());
    if (!url) {
      setError(true);
      inputRef.current?.focus();
      return;
    }
    apply(url);
  };

  return (
    <div className="rt-link-form" id={id} role="group" aria-labelledby={`${id}-label`}>
      <label id={`${id}-label`} htmlFor={`${id}-url`}>
        {t('editor.linkUrl')}
      </label>
      <p className="hint" id={`${id}-hint`}>
        {t('editor.linkHint')}
      </p>
      <input
        ref={inputRef}
        id={`${id}-url`}
        type="text"
        inputMode="url"
        autoComplete="url"
        spellCheck={false}
        value={value}
        aria-invalid={error || undefined}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
        onChange={(e) => {
          setValue(e.target.value);
          setError(false);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault(); // do not submit the surrounding form
            submit();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onDone();
          }
        }}
      />
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {t('errors.badLink')}
        </p>
      ) : null}
      <div className="row-actions">
        <button type="button" className="button button-small" onClick={submit}>
          {t('editor.applyLink')}
        </button>
        {inLink ? (
          <button type="button" className="button button-small" onClick={() => apply(null)}>
            {t('editor.removeLink')}
          </button>
        ) : null}
        <button type="button" className="button button-small" onClick={onDone}>
          {t('editor.cancel')}
        </button>
      </div>
    </div>
  );
}
