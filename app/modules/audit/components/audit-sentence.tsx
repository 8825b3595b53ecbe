import { Link } from '~/components/link';
import { Fragment, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '~/lib/i18n';
import type { AuditSentence as Sentence } from '../describe';

/** A resolved name (see targets.server.ts) as the client receives it. */
export type NamedLink = { name: string | Record<string, string>; href: string | null; status?: string } | null;

/** A resolved name in the reader's language. */
export function nameOf(named: NonNullable<NamedLink>, lng: string) {
  return typeof named.name === 'string' ? named.name : localized(named.name, lng).text;
}

/** A name as an element: a link to its page when it has one (closed accounts have none). */
function linkOf(named: NamedLink, text: string): ReactElement {
  if (named?.href && (!named.status || named.status === 'active')) return <Link to={named.href}>{text}</Link>;
  return <span>{text}</span>;
}

/**
 * "Maria changed the status of AV-1234 from New to In progress": the entry's sentence with the
 * actor and the target linked. Names are elements placed by the sentence (`<actor/>`), never
 * text spliced into it, so a name is always shown as written, whatever it holds.
 */
export function AuditSentence({
  sentence,
  actor,
  target,
  targetKind,
  hasId,
  person,
}: {
  sentence: Sentence;
  actor: NamedLink;
  target: NamedLink;
  targetKind: string;
  /** Whether the entry names a row (the city's and other whole-site entries do not). */
  hasId: boolean;
  person: NamedLink;
}) {
  const { t, i18n } = useTranslation(['admin', 'requests', 'account']);
  const lng = i18n.language;
  // An erased account keeps its entries, named like its posts are (see AuthorName).
  const label = (named: NonNullable<NamedLink>) => (named.status === 'deleted' ? t('account:deletedAccount') : nameOf(named, lng));
  const kind = t(`admin:targetKinds.${targetKind}`, { defaultValue: targetKind });
  const values = {
    kind,
    from: sentence.values.from ? t(`requests:status.${sentence.values.from}`, { defaultValue: sentence.values.from }) : '',
    to: sentence.values.to ? t(`requests:status.${sentence.values.to}`, { defaultValue: sentence.values.to }) : '',
    role: sentence.values.role ? t(`admin:roleNames.${sentence.values.role}`, { defaultValue: sentence.values.role }) : '',
    action: sentence.values.action ?? '',
  };
  return placeElements(t(`admin:audit.sentences.${sentence.key}`, values), {
    actor: linkOf(actor, actor ? label(actor) : t('admin:audit.system')),
    // A whole-site target is named by its kind; a deleted one says so (never an id).
    target: target ? linkOf(target, label(target)) : hasId ? <span className="muted">{t('admin:audit.gone')}</span> : <span>{kind}</span>,
    person: linkOf(person, person ? label(person) : ''),
  });
}

/**
 * A translated sentence with its self-closing tags (`<actor/>`) replaced by elements. This is
 * what react-i18next's Trans does; it is not used because any use of it puts it and its HTML
 * parser (~3 KB) in the chunk that every page loads (esbuild's code splitting follows the package's
 * index to it). The interpolated values are the app's own labels, never text people typed.
 */
function placeElements(sentence: string, elements: Record<string, ReactElement>): ReactNode {
  return sentence
    .split(/<([a-z]+)\s*\/>/)
    .map((part, index) => (index % 2 === 0 ? part : <Fragment key={index}>{elements[part] ?? null}</Fragment>));
}
