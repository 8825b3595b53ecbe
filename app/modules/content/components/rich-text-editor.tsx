import { $createLinkNode, $isLinkNode, LinkNode, TOGGLE_LINK_COMMAND } from '@lexical/link';
import { INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND, ListItemNode, ListNode, REMOVE_LIST_COMMAND, $isListNode } from '@lexical/list';
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { OnChangePlugin } from '@lexical/react/LexicalOnChangePlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { $createQuoteNode, $isQuoteNode, HeadingNode, QuoteNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import { $getNearestNodeOfType } from '@lexical/utils';
import { $createParagraphNode, $createTextNode, $getRoot, $getSelection, $isRangeSelection, FORMAT_TEXT_COMMAND, SELECTION_CHANGE_COMMAND, COMMAND_PRIORITY_LOW, type TextFormatType } from 'lexical';
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '~/components/forms';
import { toPlainText } from '../plaintext';
import { parseRichText, safeUrl, toLexicalState, type RichTextDoc } from '../richtext';

/**
 * The post editor. The server (and a browser without JavaScript) renders a plain <textarea>
 * named `plainName`; once the page is running in the browser it becomes a Lexical editor whose
 * JSON goes into a hidden field named `name`. The server accepts either (body.server.ts).
 */
type Props = {
  label: string;
  hint?: string;
  name: string;
  plainName: string;
  errors?: string[];
  /** Kept input after a failed submit: the editor's JSON, or the textarea's text. */
  defaultJson?: string;
  defaultText?: string;
  /** The document being edited. */
  initialDoc?: RichTextDoc;
};

export function RichTextEditor(props: Props) {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const id = useId();
  const ids = { field: `${id}-field`, label: `${id}-label`, hint: `${id}-hint`, error: `${id}-error` };
  const described = [props.hint ? ids.hint : null, props.errors?.length ? ids.error : null].filter(Boolean).join(' ') || undefined;
  const startDoc = useMemo(() => {
    const kept = props.defaultJson ? parseRichText(props.defaultJson) : null;
    return kept?.ok ? kept.doc : props.initialDoc;
  }, [props.defaultJson, props.initialDoc]);
  const startText = props.defaultText ?? (startDoc ? toPlainText(startDoc) : '');
  return (
    <div className="field rich-text-field">
      <label id={ids.label} htmlFor={ids.field}>
        {props.label}
      </label>
      {props.hint ? (
        <p className="hint" id={ids.hint}>
          {props.hint}
        </p>
      ) : null}
      {hydrated ? (
        <LexicalField {...props} ids={ids} described={described} startDoc={startDoc} startText={startText} />
      ) : (
        <textarea id={ids.field} name={props.plainName} rows={6} defaultValue={startText} aria-invalid={props.errors?.length ? true : undefined} aria-describedby={described} />
      )}
      <ErrorText messages={props.errors} id={ids.error} />
    </div>
  );
}

const theme = {
  paragraph: 'rt-p',
  quote: 'rt-quote',
  heading: { h2: 'rt-h2', h3: 'rt-h3', h4: 'rt-h4' },
  list: { ul: 'rt-ul', ol: 'rt-ol', listitem: 'rt-li', nested: { listitem: 'rt-nested' } },
  link: 'rt-link',
  text: { bold: 'rt-bold', italic: 'rt-italic', underline: 'rt-underline', code: 'rt-code' },
};

function LexicalField(props: Props & { ids: Record<string, string>; described?: string; startDoc?: RichTextDoc; startText: string }) {
  const [json, setJson] = useState('');
  const initialConfig = useMemo(
    () => ({
      namespace: 'townsquare-post',
      theme,
      nodes: [HeadingNode, QuoteNode, ListNode, ListItemNode, LinkNode],
      onError: (error: Error) => console.error(error),
      editorState: props.startDoc
        ? JSON.stringify(toLexicalState(props.startDoc))
        : props.startText
          ? () => {
              // Text typed before the editor loaded is kept, paragraph by paragraph.
              for (const line of props.startText.split(/\n{2,}/)) $getRoot().append($createParagraphNode().append($createTextNode(line)));
            }
          : undefined,
    }),
    // The editor is created once; later prop changes do not reset what the person typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  return (
    <LexicalComposer initialConfig={initialConfig}>
      <Toolbar />
      <div className="rt-editor">
        <RichTextPlugin
          contentEditable={
            <ContentEditable
              id={props.ids.field}
              className="rt-content"
              aria-labelledby={props.ids.label}
              aria-describedby={props.described}
              aria-invalid={props.errors?.length ? true : undefined}
              aria-multiline
              role="textbox"
            />
          }
          ErrorBoundary={LexicalErrorBoundary}
        />
      </div>
      <HistoryPlugin />
      <ListPlugin />
      <LinkPlugin validateUrl={(url) => !!safeUrl(url)} />
      <OnChangePlugin ignoreSelectionChange onChange={(state) => setJson(JSON.stringify(state.toJSON()))} />
      <input type="hidden" name={props.name} value={json} />
    </LexicalComposer>
  );
}

function Toolbar() {
  const { t } = useTranslation('content');
  const [editor] = useLexicalComposerContext();
  const [active, setActive] = useState({ bold: false, italic: false, underline: false, code: false, bullet: false, number: false, quote: false, link: false });
  const [linkUrl, setLinkUrl] = useState('');
  const [linkError, setLinkError] = useState(false);

  const refresh = useCallback(() => {
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return;
    const anchor = selection.anchor.getNode();
    const list = $getNearestNodeOfType(anchor, ListNode);
    const block = anchor.getTopLevelElement();
    setActive({
      bold: selection.hasFormat('bold'),
      italic: selection.hasFormat('italic'),
      underline: selection.hasFormat('underline'),
      code: selection.hasFormat('code'),
      bullet: $isListNode(list) && list.getListType() === 'bullet',
      number: $isListNode(list) && list.getListType() === 'number',
      quote: $isQuoteNode(block),
      link: $isLinkNode(anchor.getParent()) || $isLinkNode(anchor),
    });
  }, []);

  useEffect(
    () =>
      editor.registerCommand(
        SELECTION_CHANGE_COMMAND,
        () => {
          refresh();
          return false;
        },
        COMMAND_PRIORITY_LOW,
      ),
    [editor, refresh],
  );
  useEffect(() => editor.registerUpdateListener(({ editorState }) => editorState.read(refresh)), [editor, refresh]);

  const format = (f: TextFormatType) => editor.dispatchCommand(FORMAT_TEXT_COMMAND, f);
  const toggleList = (kind: 'bullet' | 'number') =>
    editor.dispatchCommand(active[kind] ? REMOVE_LIST_COMMAND : kind === 'bullet' ? INSERT_UNORDERED_LIST_COMMAND : INSERT_ORDERED_LIST_COMMAND, undefined);
  const toggleQuote = () =>
    editor.update(() => {
      const selection = $getSelection();
      if ($isRangeSelection(selection)) $setBlocksType(selection, () => (active.quote ? $createParagraphNode() : $createQuoteNode()));
    });
  const applyLink = () => {
    if (active.link) {
      editor.dispatchCommand(TOGGLE_LINK_COMMAND, null);
      return;
    }
    const url = safeUrl(linkUrl.trim()) ?? safeUrl(`https://${linkUrl.trim()}`);
    setLinkError(!url);
    if (!url) return;
    editor.update(() => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return;
      if (selection.isCollapsed()) {
        selection.insertNodes([$createLinkNode(url).append($createTextNode(linkUrl.trim()))]);
      } else {
        editor.dispatchCommand(TOGGLE_LINK_COMMAND, url);
      }
    });
    setLinkUrl('');
  };

  const button = (key: keyof typeof active, onClick: () => void) => (
    <button type="button" className="rt-button" aria-pressed={active[key]} onClick={onClick}>
      {t(`toolbar.${key}`)}
    </button>
  );

  return (
    <div className="rt-toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      {button('bold', () => format('bold'))}
      {button('italic', () => format('italic'))}
      {button('underline', () => format('underline'))}
      {button('code', () => format('code'))}
      {button('bullet', () => toggleList('bullet'))}
      {button('number', () => toggleList('number'))}
      {button('quote', toggleQuote)}
      <span className="rt-link">
        {active.link ? null : (
          <input
            type="url"
            inputMode="url"
            aria-label={t('toolbar.linkUrl')}
            aria-invalid={linkError || undefined}
            placeholder="https://"
            value={linkUrl}
            onChange={(e) => setLinkUrl(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                applyLink();
              }
            }}
          />
        )}
        <button type="button" className="rt-button" onClick={applyLink}>
          {active.link ? t('toolbar.unlink') : t('toolbar.link')}
        </button>
      </span>
      {linkError ? (
        <span role="alert" className="field-error">
          {t('errors.badLink')}
        </span>
      ) : null}
    </div>
  );
}
