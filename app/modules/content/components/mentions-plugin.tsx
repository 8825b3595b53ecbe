import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { LexicalTypeaheadMenuPlugin, MenuOption, type MenuTextMatch } from '@lexical/react/LexicalTypeaheadMenuPlugin';
import {
  $createTextNode,
  $insertNodes,
  COMMAND_PRIORITY_NORMAL,
  KEY_ARROW_DOWN_COMMAND,
  KEY_ARROW_UP_COMMAND,
  mergeRegister,
  type TextNode,
} from 'lexical';
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { foldText } from '~/lib/text';
import { MENTION_QUERY_MAX, MENTION_SUGGESTIONS, nameMatches } from '../mentions';
import { $createMentionNode } from './mention-node';

/** The people lookup (app/routes/people.mentions.ts). */
const MENTION_LOOKUP = '/people/mentions';
const DEBOUNCE_MS = 200;
const CACHE_SIZE = 60;
/** Lexical's menu points the editor's aria-activedescendant at these ids; the options must carry them. */
const itemId = (index: number) => `typeahead-item-${index}`;

type Person = { id: string; name: string };

class PersonOption extends MenuOption {
  person: Person;
  constructor(person: Person) {
    super(person.id);
    this.person = person;
  }
}

/**
 * "@" after a space, an opening parenthesis or the start of a line, then a name: up to three
 * words separated by single spaces (display names have spaces), 50 characters at most. Hyphens
 * and apostrophes belong to names ("O'Neil-Sáenz"); other punctuation ends the query.
 */
const NAME_CHAR = `[^@\\s.,+*?$|#{}()^\\[\\]\\\\/!%"~=<>_:;]`;
const TRIGGER = new RegExp(`(^|\\s|\\()(@(${NAME_CHAR}+(?: ${NAME_CHAR}+){0,2} ?))$`);

export function matchMention(text: string): MenuTextMatch | null {
  const match = TRIGGER.exec(text);
  if (!match || match[3].length > MENTION_QUERY_MAX) return null;
  return { leadOffset: match.index + match[1].length, matchingString: match[3], replaceableString: match[2] };
}

type Found = { people: Person[]; settled: boolean };

/**
 * Looks people up as the query changes: after a pause in typing, one request at a time (a newer
 * query aborts the older request). Answers are kept for the page's life, and a query that only
 * extends one whose answer was complete (fewer than the server's maximum) is narrowed here without
 * asking again. While a lookup is under way, the last answer is shown narrowed to the new query.
 */
function useMentionLookup(channelId: string, query: string | null): Found {
  const cache = useRef(new Map<string, Person[]>());
  const last = useRef<Person[]>([]);
  const [version, setVersion] = useState(0);
  const q = query === null ? '' : query.trim();

  // Answers are kept by the folded query ("Lu", "lú" and "LU" get the same answer).
  const local = useCallback((text: string): Person[] | null => {
    const key = foldText(text);
    const exact = cache.current.get(key);
    if (exact) return exact;
    for (let end = key.length - 1; end > 0; end--) {
      const shorter = cache.current.get(key.slice(0, end).trim());
      if (shorter && shorter.length < MENTION_SUGGESTIONS) return shorter.filter((p) => nameMatches(p.name, text));
    }
    return null;
  }, []);

  useEffect(() => {
    if (!q || local(q)) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(`${MENTION_LOOKUP}?${new URLSearchParams({ channel: channelId, q })}`, {
          signal: controller.signal,
          headers: { Accept: 'application/json' },
        });
        if (!res.ok) return; // signed out, rate limited: no suggestions, typing goes on
        const body: unknown = await res.json();
        if (!Array.isArray(body)) return;
        const people = body.filter((p): p is Person => typeof p?.id === 'string' && typeof p?.name === 'string');
        if (cache.current.size >= CACHE_SIZE) cache.current.clear();
        cache.current.set(foldText(q), people);
        setVersion((v) => v + 1);
      } catch {
        // Aborted by a newer query, or offline.
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [channelId, q, local]);

  return useMemo(() => {
    if (!q) return { people: [], settled: false };
    const known = local(q);
    if (known) {
      last.current = known;
      return { people: known, settled: true };
    }
    return { people: last.current.filter((p) => nameMatches(p.name, q)), settled: false };
    // `version` changes when an answer arrives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q, version, local]);
}

/**
 * Suggests people to mention while typing "@name" in the editor of a channel's post, using
 * Lexical's typeahead menu: Up/Down move through the list (the editor's aria-activedescendant
 * follows), Enter or Tab picks, Escape closes; a click or tap picks too. The pick replaces
 * "@name" with a mention node followed by a space. The list is a listbox named "Suggestions"
 * placed inside the editor box (so it stays in the page's landmarks and reading order); a
 * visually hidden status line says how many people were found, or that no one was.
 */
export function MentionsPlugin({ channelId, parent }: { channelId: string; parent: HTMLElement }) {
  const { t } = useTranslation('content');
  const [editor] = useLexicalComposerContext();
  const labelId = useId();
  const [query, setQuery] = useState<string | null>(null);
  const { people, settled } = useMentionLookup(channelId, query);
  const options = useMemo(() => people.map((p) => new PersonOption(p)), [people]);
  const q = query?.trim() ?? '';
  // "No one found" only for a one-word query: "@Rosa is here" is probably not a name any more.
  const showEmpty = !!q && settled && options.length === 0 && !/\s/.test(q);
  const visible = options.length > 0 || showEmpty;

  // With nothing on screen, Up and Down move the caret as usual (Lexical's menu would take them).
  const state = useRef({ open: false, visible: false });
  state.current = { open: query !== null, visible };
  useEffect(
    () =>
      mergeRegister(
        editor.registerCommand(KEY_ARROW_DOWN_COMMAND, () => state.current.open && !state.current.visible, COMMAND_PRIORITY_NORMAL),
        editor.registerCommand(KEY_ARROW_UP_COMMAND, () => state.current.open && !state.current.visible, COMMAND_PRIORITY_NORMAL),
      ),
    [editor],
  );

  const onSelectOption = useCallback((option: PersonOption, nodeToReplace: TextNode | null, closeMenu: () => void) => {
    // Runs inside the menu's editor.update().
    const mention = $createMentionNode(option.person.id, option.person.name);
    if (nodeToReplace) nodeToReplace.replace(mention);
    else $insertNodes([mention]);
    const space = $createTextNode(' ');
    mention.insertAfter(space);
    space.select();
    closeMenu();
  }, []);

  const status =
    query === null || !settled
      ? ''
      : options.length
        ? t('mentions.found', { count: options.length })
        : showEmpty
          ? t('mentions.noOne')
          : '';

  return (
    <>
      <LexicalTypeaheadMenuPlugin<PersonOption>
        triggerFn={matchMention}
        onQueryChange={setQuery}
        onSelectOption={onSelectOption}
        options={options}
        parent={parent}
        anchorClassName="mention-anchor"
        menuRenderFn={(anchorElementRef, { selectedIndex, selectOptionAndCleanUp, setHighlightedIndex }) => (
          <MentionMenu
            anchor={anchorElementRef}
            labelId={labelId}
            options={options}
            selectedIndex={selectedIndex}
            showEmpty={showEmpty}
            onPick={selectOptionAndCleanUp}
            onHighlight={setHighlightedIndex}
          />
        )}
      />
      <span id={labelId} hidden>
        {t('mentions.suggestions')}
      </span>
      <p role="status" className="visually-hidden">
        {status}
      </p>
    </>
  );
}

function MentionMenu({
  anchor,
  labelId,
  options,
  selectedIndex,
  showEmpty,
  onPick,
  onHighlight,
}: {
  anchor: RefObject<HTMLElement | null>;
  labelId: string;
  options: PersonOption[];
  selectedIndex: number | null;
  showEmpty: boolean;
  onPick: (option: PersonOption) => void;
  onHighlight: (index: number) => void;
}) {
  const { t } = useTranslation('content');
  const [editor] = useLexicalComposerContext();
  const active = selectedIndex !== null && selectedIndex >= 0 && selectedIndex < options.length ? selectedIndex : null;

  useLayoutEffect(() => {
    // Lexical names its listbox "Typeahead menu" in English; a label element wins over aria-label.
    anchor.current?.setAttribute('aria-labelledby', labelId);
  });

  // Lexical sets aria-activedescendant on arrow keys only; keep it right after a hover or a new
  // answer too, and never pointing at an option that is not there.
  useLayoutEffect(() => {
    const root = editor.getRootElement();
    if (!root) return;
    if (active === null) root.removeAttribute('aria-activedescendant');
    else root.setAttribute('aria-activedescendant', itemId(active));
  }, [editor, active, options]);
  useEffect(
    () => () => {
      editor.getRootElement()?.removeAttribute('aria-activedescendant');
    },
    [editor],
  );

  if (!anchor.current || (!options.length && !showEmpty)) return null;
  return createPortal(
    <div className="mention-menu">
      {options.length ? (
        options.map((option, i) => (
          <div
            key={option.key}
            id={itemId(i)}
            ref={option.setRefElement}
            role="option"
            aria-selected={active === i}
            className={active === i ? 'mention-option mention-option-active' : 'mention-option'}
            // Keep the caret (and focus) in the editor.
            onMouseDown={(event) => event.preventDefault()}
            onMouseEnter={() => onHighlight(i)}
            onClick={() => {
              onHighlight(i);
              onPick(option);
            }}
          >
            {option.person.name}
          </div>
        ))
      ) : (
        <div role="option" aria-disabled="true" aria-selected="false" className="mention-option mention-empty">
          {t('mentions.noOne')}
        </div>
      )}
    </div>,
    anchor.current,
  );
}
