// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { jsonLdDate, normalizeDate, readPageDate } from '../../entrypoints/content/page/page-date';

const NOW = new Date('2026-11-23T12:00:00Z');

function doc(head: string, body = ''): Document {
  const d = document.implementation.createHTMLDocument('t');
  d.head.innerHTML = head;
  d.body.innerHTML = body;
  return d;
}

const ld = (json: string) => `<script type="application/ld+json">${json}</script>`;

describe('readPageDate', () => {
  test('article:published_time, keeping the publisher-local date', () => {
    expect(
      readPageDate(doc('<meta property="article:published_time" content="2018-06-15T23:30:00-07:00">'), NOW),
    ).toBe('2018-06-15');
  });

  test('JSON-LD datePublished, in an @graph array, preferred over dateModified', () => {
    const d = doc(
      ld(
        '{"@context":"https://schema.org","@graph":[{"@type":"WebPage","dateModified":"2020-01-01"},{"@type":"NewsArticle","datePublished":"2018-05-08T10:00:00Z"}]}',
      ),
    );
    expect(readPageDate(d, NOW)).toBe('2018-05-08');
  });

  test('JSON-LD dateModified when nothing is published, and a top-level array', () => {
    expect(readPageDate(doc(ld('[{"@type":"Article","dateModified":"2019-02-03"}]')), NOW)).toBe(
      '2019-02-03',
    );
  });

  test('<time datetime> inside <article> or <main> only', () => {
    expect(readPageDate(doc('', '<footer><time datetime="2017-01-01">x</time></footer>'), NOW)).toBeNull();
    expect(readPageDate(doc('', '<main><time datetime="2018-07-01">x</time></main>'), NOW)).toBe(
      '2018-07-01',
    );
    expect(readPageDate(doc('', '<article><time datetime="2018-07-02T08:00">x</time></article>'), NOW)).toBe(
      '2018-07-02',
    );
  });

  test('meta beats JSON-LD beats <time>', () => {
    const d = doc(
      `<meta property="article:published_time" content="2018-01-01">${ld('{"datePublished":"2018-02-02"}')}`,
      '<article><time datetime="2018-03-03"></time></article>',
    );
    expect(readPageDate(d, NOW)).toBe('2018-01-01');
  });

  test('no date: null', () => {
    expect(readPageDate(doc('<title>x</title>', '<p>text</p>'), NOW)).toBeNull();
  });

  test('hostile JSON-LD: malformed, wrong types, deep nesting, huge, junk dates', () => {
    expect(readPageDate(doc(ld('{not json')), NOW)).toBeNull();
    expect(readPageDate(doc(ld('{"datePublished":{"toString":1}}')), NOW)).toBeNull();
    expect(readPageDate(doc(ld('{"datePublished":"2018-02-30"}')), NOW)).toBeNull();
    expect(readPageDate(doc(ld('{"datePublished":"0001-01-01"}')), NOW)).toBeNull();
    expect(readPageDate(doc(ld('{"datePublished":"2999-01-01"}')), NOW)).toBeNull();
    expect(readPageDate(doc(ld('{"datePublished":"<script>alert(1)</script>"}')), NOW)).toBeNull();
    expect(
      readPageDate(doc(ld(`{"x":"${'a'.repeat(300_000)}","datePublished":"2018-01-01"}`)), NOW),
    ).toBeNull();
    let deep = '{"datePublished":"2018-09-09"}';
    for (let i = 0; i < 5000; i++) deep = `{"@graph":[${deep}]}`;
    expect(() => readPageDate(doc(ld(deep)), NOW)).not.toThrow();
    expect(
      readPageDate(doc(`${ld('null')}${ld('"2018"')}${ld('{"datePublished":"2018-04-04"}')}`), NOW),
    ).toBe('2018-04-04');
  });

  test('jsonLdDate and normalizeDate on values', () => {
    const many = { '@graph': Array.from({ length: 10_000 }, () => ({ '@type': 'Thing' })) };
    expect(jsonLdDate(many, NOW)).toBeNull();
    expect(jsonLdDate({ datePublished: ['2018-06-01', '2018-07-01'] }, NOW)).toBe('2018-06-01');
    expect(normalizeDate(' 2018-06-15 ', NOW)).toBe('2018-06-15');
    expect(normalizeDate(20180615, NOW)).toBeNull();
  });
});
