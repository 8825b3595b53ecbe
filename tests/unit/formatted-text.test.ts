import { renderToStaticMarkup } from 'react-dom/server';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { RichText } from '~/modules/content/components/rich-text';
import { fromFormattedText, mentionCandidates, mentionKey } from '~/modules/content/formatted-text';
import { toFormattedText } from '~/modules/content/to-formatted-text';
import { toPlainText } from '~/modules/content/plaintext';
import * as rt from '~/modules/content/richtext';

const { docOf, lineBreakNode, linkNode, listItemNode, listNode, paragraphNode, parseRichText, quoteNode, textNode: t } = rt;
const { bold: B, italic: I } = rt.TEXT_FORMAT;
const html = (text: string) => {
  const result = parseRichText(fromFormattedText(text));
  if (!result.ok) throw new Error(result.error);
  return renderToStaticMarkup(createElement(RichText, { doc: result.doc }));
};

describe('fromFormattedText (the no-JavaScript textarea)', () => {
  it('reads **bold**, *italic* and _italic_, nested too', () => {
    expect(fromFormattedText('a **b** *c* _d_ **e _f_**')).toEqual(
      docOf([paragraphNode([t('a '), t('b', B), t(' '), t('c', I), t(' '), t('d', I), t(' '), t('e ', B), t('f', B | I)])]),
    );
  });

  it('leaves stars and underscores inside words, or unclosed, as text', () => {
    expect(fromFormattedText('2*3*4 snake_case_name ** x** *open')).toEqual(
      docOf([paragraphNode([t('2*3*4 snake_case_name ** x** *open')])]),
    );
  });

  it('makes "- " and "1. " lines lists, numbered from the first number, with indented continuation lines', () => {
    expect(fromFormattedText('Intro\n- one\n* **two**\n  more\n\n3. three\n4) four\nAfter')).toEqual(
      docOf([
        paragraphNode([t('Intro')]),
        listNode('bullet', 1, [listItemNode(1, [t('one')]), listItemNode(2, [t('two', B), lineBreakNode(), t('more')])]),
        listNode('number', 3, [listItemNode(3, [t('three')]), listItemNode(4, [t('four')])]),
        paragraphNode([t('After')]),
      ]),
    );
  });

  it('makes "> " lines a quote and keeps paragraphs and line breaks', () => {
    expect(fromFormattedText('> said\n> this\n\nOne\r\ntwo')).toEqual(
      docOf([quoteNode([t('said'), lineBreakNode(), t('this')]), paragraphNode([t('One'), lineBreakNode(), t('two')])]),
    );
  });

  it('reads [text](url) and bare addresses as links, emphasis inside the text but never inside the address', () => {
    expect(fromFormattedText('See [the **report**](https://x.org/a_b_c) and https://y.org/_z_.')).toEqual(
      docOf([
        paragraphNode([
          t('See '),
          linkNode('https://x.org/a_b_c', [t('the '), t('report', B)]),
          t(' and '),
          linkNode('https://y.org/_z_', [t('https://y.org/_z_')]),
          t('.'),
        ]),
      ]),
    );
  });

  it('refuses javascript:, data: and relative links: they stay as the text typed', () => {
    const text = '[click](javascript:alert(1)) [x](data:text/html,hi) [y](/admin) [z](JaVaScRiPt:alert(1))';
    const doc = fromFormattedText(text);
    expect(JSON.stringify(doc)).not.toContain('"link"');
    expect(html(text)).not.toMatch(/<a /);
    expect(html('[ok](mailto:a@example.org)')).toBe(
      '<div class="rich-text"><p><a href="mailto:a@example.org" rel="nofollow ugc noopener">ok</a></p></div>',
    );
  });

  it('never produces markup from what was typed', () => {
    expect(html('<img src=x onerror=alert(1)> **<b>x</b>**')).toBe(
      '<div class="rich-text"><p>&lt;img src=x onerror=alert(1)&gt; <strong>&lt;b&gt;x&lt;/b&gt;</strong></p></div>',
    );
  });

  it('keeps @name mentions and everything else as text, and its plain text survives the round trip', () => {
    const text = 'Hello @Ana,\nsee https://example.org/report.\n\n- one\n- two\n\n> quoted';
    const result = parseRichText(fromFormattedText(text));
    expect(result.ok && toPlainText(result.doc)).toBe(text);
    expect(parseRichText(fromFormattedText(' \n\n '))).toEqual({ ok: false, error: 'content:errors.empty' });
  });

  it('takes linear time on unclosed markers', () => {
    const started = performance.now();
    fromFormattedText('*a '.repeat(20_000) + '_b '.repeat(20_000));
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('fromFormattedText: @name', () => {
  const { mentionNode: m } = rt;
  const people = new Map([
    [mentionKey('Lucía Park'), { id: 'u1', name: 'Lucía Park' }],
    [mentionKey('Lucía'), { id: 'u2', name: 'Lucía' }],
    [mentionKey("Tom O'Brien"), { id: 'u3', name: "Tom O'Brien" }],
  ]);

  it('makes "@Display Name" the mention node the editor makes, the longest name first, ignoring case and accents', () => {
    expect(fromFormattedText('hi @lucia park, and @Lucía!', people)).toEqual(
      docOf([paragraphNode([t('hi '), m('u1', 'Lucía Park'), t(', and '), m('u2', 'Lucía'), t('!')])]),
    );
  });

  it('reads names with punctuation, in lists and in brackets, and keeps emphasis around them', () => {
    expect(fromFormattedText("- ask (@Tom O'Brien) **now**", people)).toEqual(
      docOf([listNode('bullet', 1, [listItemNode(1, [t('ask ('), m('u3', "Tom O'Brien"), t(') '), t('now', B)])])]),
    );
  });

  it('leaves unknown names, e-mail addresses and text without people as typed', () => {
    expect(fromFormattedText('@Nobody here, mail ana@lucia.example', people)).toEqual(
      docOf([paragraphNode([t('@Nobody here, mail ana@lucia.example')])]),
    );
    expect(fromFormattedText('hi @Lucía')).toEqual(docOf([paragraphNode([t('hi @Lucía')])]));
  });

  it('lists the names to look up after each "@", longest first, without trailing punctuation', () => {
    expect(mentionCandidates('x @Ana Park, hi\n(@Bo)')).toEqual([
      ['Ana Park, hi', 'Ana Park,', 'Ana Park', 'Ana'],
      ['Bo)', 'Bo'],
    ]);
  });

  it('stores the mention through parseRichText and shows it as a profile link', () => {
    const parsed = parseRichText(fromFormattedText('thanks @Lucía Park', people));
    expect(parsed.ok && rt.mentionedUserIds(parsed.doc)).toEqual(['u1']);
  });
});

describe('toFormattedText (editing without JavaScript)', () => {
  const people = new Map([[mentionKey('Lucía Park'), { id: 'u1', name: 'Lucía Park' }]]);
  const roundTrip = (doc: rt.RichTextDoc) => fromFormattedText(toFormattedText(doc), people);

  it('writes what fromFormattedText reads, so saving unchanged text keeps the post as it was', () => {
    const doc = docOf([
      paragraphNode([
        t('Plain, '),
        t('bold', B),
        t(' and '),
        t('italic', I),
        t(' and '),
        t('both', B | I),
        lineBreakNode(),
        t('next line'),
      ]),
      listNode('bullet', 1, [listItemNode(1, [t('one')]), listItemNode(2, [t('two', B)])]),
      listNode('number', 3, [listItemNode(3, [t('three')]), listItemNode(4, [t('four')])]),
      quoteNode([t('said '), rt.mentionNode('u1', 'Lucía Park')]),
      paragraphNode([linkNode('https://x.org/a', [t('the '), t('report', B)]), t(' '), rt.imageNode('abc123', 'The bridge at dusk', 1, 1)]),
    ]);
    expect(toFormattedText(doc)).toBe(
      'Plain, **bold** and *italic* and **_both_**\nnext line\n\n- one\n- **two**\n\n3. three\n4. four\n\n> said @Lucía Park\n\n' +
        '[the **report**](https://x.org/a) ![The bridge at dusk](/pictures/abc123)',
    );
    expect(roundTrip(doc)).toEqual(doc);
  });

  it('reads only our own pictures: another address or a bad id stays text', () => {
    expect(fromFormattedText('![x](https://evil.example/a.png) ![y](/pictures/../a)')).toEqual(
      docOf([paragraphNode([t('!'), linkNode('https://evil.example/a.png', [t('x')]), t(' ![y](/pictures/../a)')])]),
    );
  });
});
