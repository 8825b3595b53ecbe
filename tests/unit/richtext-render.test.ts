import { createInstance } from 'i18next';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { localeResources } from '~/lib/i18n.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { RichText } from '~/modules/content/components/rich-text';
import { RichTextEditor } from '~/modules/content/components/rich-text-editor';
import { fromPlainText, toPlainText } from '~/modules/content/plaintext';
import {
  displayDoc,
  docOf,
  lineBreakNode,
  linkNode,
  paragraphNode,
  parseRichText,
  textNode,
  type RichTextDoc,
} from '~/modules/content/richtext';
import { paragraph, richDoc } from '../support/richtext';

const t = (text: string, format = 0) => textNode(text, format);
const p = (...children: unknown[]) => paragraph(children);
const raw = (...children: unknown[]) => richDoc(children);

function parsed(input: unknown): RichTextDoc {
  const result = parseRichText(input);
  if (!result.ok) throw new Error(result.error);
  return result.doc;
}
const html = (doc: RichTextDoc) => renderToStaticMarkup(createElement(RichText, { doc }));

const sample = parsed(
  raw(
    p(
      t('Hi ', 0),
      t('bold', 1),
      t(' ', 0),
      t('it', 2),
      t(' ', 0),
      t('u', 8),
      t(' ', 0),
      t('c', 16),
      t('all', 27),
      lineBreakNode(),
      { type: 'link', url: 'https://example.org/x?a=1&b=2', children: [t('site')] },
      t(' and ', 0),
      { type: 'mention', userId: 'u1', name: 'Rosa' },
    ),
    { type: 'heading', tag: 'h3', children: [t('Agenda')] },
    {
      type: 'list',
      listType: 'bullet',
      children: [
        { type: 'listitem', children: [t('one')] },
        {
          type: 'listitem',
          children: [{ type: 'list', listType: 'number', start: 4, children: [{ type: 'listitem', children: [t('four')] }] }],
        },
      ],
    },
    { type: 'quote', children: [t('Quoted'), lineBreakNode(), t('twice')] },
    p({ type: 'link', url: 'mailto:council@example.org', children: [t('mail us')] }),
  ),
);

describe('RichText', () => {
  it('renders each node type as plain elements', () => {
    expect(html(sample)).toBe(
      '<div class="rich-text">' +
        '<p>Hi <strong>bold</strong> <em>it</em> <u>u</u> <code>c</code><strong><em><u><code>all</code></u></em></strong><br/>' +
        '<a href="https://example.org/x?a=1&amp;b=2" rel="nofollow ugc noopener">site</a> and <a class="mention" href="/people/u1">@Rosa</a></p>' +
        '<h3>Agenda</h3>' +
        '<ul><li>one</li><li><ol start="4"><li>four</li></ol></li></ul>' +
        '<blockquote>Quoted<br/>twice</blockquote>' +
        '<p><a href="mailto:council@example.org" rel="nofollow ugc noopener">mail us</a></p>' +
        '</div>',
    );
  });

  it('links a mention to its profile only with a well-formed user id (none for closed accounts)', () => {
    const mention = (node: Record<string, unknown>) =>
      html({ root: { type: 'root', children: [{ type: 'paragraph', children: [node] }] } } as never);
    expect(mention({ type: 'mention', name: 'Rosa' })).toBe('<div class="rich-text"><p><span class="mention">@Rosa</span></p></div>');
    expect(mention({ type: 'mention', userId: '../admin?x=1', name: 'Rosa' })).toBe(
      '<div class="rich-text"><p><span class="mention">@Rosa</span></p></div>',
    );
  });

  it('escapes markup in text and never emits event handlers, styles or targets', () => {
    const out = html(
      parsed(
        raw(
          p(
            { ...t('<script>alert(1)</script><img src=x onerror=alert(1)>'), onclick: 'alert(1)', style: 'color:red' },
            { type: 'link', url: 'https://example.org', target: '_blank', onclick: 'x', children: [t('"><svg onload=alert(1)>')] },
          ),
        ),
      ),
    );
    expect(out).toBe(
      '<div class="rich-text"><p>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;' +
        '<a href="https://example.org/" rel="nofollow ugc noopener">&quot;&gt;&lt;svg onload=alert(1)&gt;</a></p></div>',
    );
    expect(out).not.toMatch(/<(script|img|svg)/i);
    // no attribute (inside a tag) is an event handler, a style or a target
    expect(out).not.toMatch(/<[^>]*\s(on\w+|style|target)\s*=/i);
  });

  it('renders unvalidated input defensively: unknown nodes skipped, unsafe links unlinked, bad values ignored', () => {
    const hostile = raw(
      p(
        t('a'),
        { type: 'html', html: '<script>x</script>' },
        { type: 'link', url: 'javascript:alert(1)', children: [t('b')] },
        { type: 'text', text: { toString: () => '<x>' } },
      ),
      { type: 'heading', tag: 'script', children: [t('c')] },
      { type: 'list', listType: 'bullet', start: 'x', children: [{ type: 'listitem', children: 'nope' }] },
      null,
      { type: 'iframe', src: 'https://evil.example' },
    ) as unknown as RichTextDoc;
    expect(html(hostile)).toBe('<div class="rich-text"><p>a<span>b</span></p><ul><li></li></ul></div>');
    expect(html(null as unknown as RichTextDoc)).toBe('<div class="rich-text"></div>');
  });
});

describe('toPlainText', () => {
  it('separates blocks with blank lines, prefixes list items and quotes, shows mentions and links', () => {
    expect(toPlainText(sample)).toBe(
      'Hi bold it u call\nsite (https://example.org/x?a=1&b=2) and @Rosa\n\n' +
        'Agenda\n\n' +
        '- one\n  4. four\n\n' +
        '> Quoted\n> twice\n\n' +
        'mail us (mailto:council@example.org)',
    );
  });

  it('writes a link whose text is its address once', () => {
    expect(toPlainText(docOf([paragraphNode([linkNode('https://example.org/', [t('https://example.org')])])]))).toBe('https://example.org');
  });
});

describe('fromPlainText', () => {
  it('splits paragraphs on blank lines and keeps single newlines as line breaks', () => {
    expect(fromPlainText('One\r\ntwo\n\n \n\nThree\n')).toEqual(
      docOf([paragraphNode([t('One'), lineBreakNode(), t('two')]), paragraphNode([t('Three')])]),
    );
  });

  it('turns bare http(s) URLs into links, leaving trailing punctuation outside', () => {
    expect(fromPlainText('See https://example.org/a_(b), or http://x.org. And www.example.org too.')).toEqual(
      docOf([
        paragraphNode([
          t('See '),
          linkNode('https://example.org/a_(b)', [t('https://example.org/a_(b)')]),
          t(', or '),
          linkNode('http://x.org/', [t('http://x.org')]),
          t('. And www.example.org too.'),
        ]),
      ]),
    );
  });

  it('keeps markup literal: "<b>x</b>", javascript: and markdown are just text', () => {
    const doc = fromPlainText('<b>x</b> javascript:alert(1) **bold** [a](https://x.org)');
    expect(doc).toEqual(
      docOf([paragraphNode([t('<b>x</b> javascript:alert(1) **bold** [a]('), linkNode('https://x.org/', [t('https://x.org')]), t(')')])]),
    );
    expect(html(parsed(doc))).toBe(
      '<div class="rich-text"><p>&lt;b&gt;x&lt;/b&gt; javascript:alert(1) **bold** [a](<a href="https://x.org/" rel="nofollow ugc noopener">https://x.org</a>)</p></div>',
    );
  });

  it('gives what parseRichText accepts, and plain text survives the round trip', () => {
    const text = 'Hello @Ana,\nsee https://example.org/report.\n\n- not a list, just text';
    const doc = parsed(fromPlainText(text));
    expect(toPlainText(doc)).toBe(text);
    expect(parseRichText(fromPlainText(' \n\n '))).toEqual({ ok: false, error: 'content:errors.empty' });
  });
});

describe('RichTextEditor server render (no JavaScript)', () => {
  type Props = Omit<Parameters<typeof RichTextEditor>[0], 'field' | 'textField'> & { name?: string; errors?: Record<string, string[]> };
  /** The editor with the Conform fields of a form posting `name` and `${name}Text`, as it came back with `errors`. */
  function Form({ name = 'body', errors, ...props }: Props) {
    const schema = z.object({ [name]: z.string().optional(), [`${name}Text`]: z.string().optional() });
    const lastResult = errors ? { status: 'error' as const, initialValue: {}, error: errors } : undefined;
    const [, fields] = useSchemaForm(schema, { lastResult });
    return createElement(RichTextEditor, { ...props, field: fields[name], textField: fields[`${name}Text`] });
  }
  async function render(props: Props, lng = 'en') {
    const i18n = createInstance();
    await i18n
      .use(initReactI18next)
      .init({ lng, resources: localeResources().resources as never, defaultNS: 'common', interpolation: { escapeValue: false } });
    return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(Form, props)));
  }

  it('is a labelled textarea named bodyText, prefilled from initialDoc in the formatting it understands', async () => {
    const out = await render({ label: 'Message', initialDoc: sample });
    expect(out).toMatch(/<label for="([^"]+)">Message<\/label><textarea id="\1" name="bodyText" rows="8">/);
    // Emphasis, links and lists as fromFormattedText reads them (a nested list follows its parent).
    expect(out).toContain('Hi **bold** *it*');
    expect(out).toContain('[site](https://example.org/x?a=1&amp;b=2)');
    expect(out).toContain('- one\n4. four');
    expect(out).toContain('&gt; Quoted\n&gt; twice');
    expect(out).not.toContain('name="body"');
    expect(out).not.toContain('contenteditable');
  });

  it("describes errors in the reader's language", async () => {
    const out = await render({ label: 'Mensaje', name: 'reply', errors: { reply: ['content:errors.empty'] } }, 'es');
    expect(out).toContain('name="replyText"');
    expect(out).toContain('aria-invalid="true"');
    expect(out).toMatch(/aria-describedby="[^"]+-error"/);
    expect(out).toContain('Escriba algo primero.');
  });
});

describe('displayDoc', () => {
  it('keeps only what the renderer reads, and renders the same', () => {
    const compact = displayDoc(sample)!;
    expect(JSON.stringify(compact).length).toBeLessThan(JSON.stringify(sample).length / 2);
    expect(JSON.stringify(compact)).not.toMatch(/"(version|direction|indent|detail|mode|style|textFormat|textStyle)"/);
    expect(renderToStaticMarkup(createElement(RichText, { doc: compact }))).toBe(html(sample));
  });

  it('returns null for anything that is not a document', () => {
    for (const bad of [null, undefined, 'text', 42, {}, { root: null }]) expect(displayDoc(bad)).toBeNull();
  });
});
