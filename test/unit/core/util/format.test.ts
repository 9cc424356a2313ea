import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { formatAge, formatSize, md, mdCode } from '../../../../src/core/util/format';

describe('formatting for tree descriptions', () => {
  it('prints sizes with decimal units as the docker CLI does', () => {
    assert.equal(formatSize(0), '0B');
    assert.equal(formatSize(999), '999B');
    assert.equal(formatSize(1_234_567), '1.2MB');
    assert.equal(formatSize(456_000_000), '456MB');
  });

  it('prints ages in the largest whole unit', () => {
    const now = new Date('2026-01-10T00:00:00Z');
    assert.equal(formatAge(new Date('2026-01-09T23:59:59Z'), now), '1 second ago');
    assert.equal(formatAge(new Date('2026-01-09T21:00:00Z'), now), '3 hours ago');
    assert.equal(formatAge(new Date('2026-01-01T00:00:00Z'), now), '1 week ago');
  });

  it('escapes markdown in engine-provided text', () => {
    assert.equal(md('a_b*c'), 'a\\_b\\*c');
  });

  // What a container name, label, command or mount point could try; rendered as CommonMark with
  // linkify on (as VS Code's hovers do), none of it may become an image, a link or HTML.
  const hostile = [
    '![x](https://tracker.example/p.png)',
    '[click](command:workbench.action.terminal.new)',
    '<img src=x onerror=alert(1)>',
    'https://evil.example/?a=1',
    'www.evil.example',
    '&#x5b;x&#x5d;(https://evil.example)',
    'a\n\n![x](https://tracker.example/p.png)',
    'x` ![x](https://tracker.example/p.png) `y',
    '``` ![x](https://tracker.example/p.png)',
    '<https://evil.example>',
  ];
  const renderer = new MarkdownIt({ html: false, linkify: true });

  it('md: engine text renders as its own characters, never as an image, link or new block', () => {
    for (const text of hostile) {
      const html = renderer.render(`Name: ${md(text)}`);
      assert.doesNotMatch(html, /<img|<a |<h\d|<pre/, `${text} → ${html}`);
      assert.equal((html.match(/<p>/g) ?? []).length, 1, `one paragraph for ${text}`);
    }
  });

  it('mdCode: engine text stays inside one code span, backticks and newlines included', () => {
    for (const text of hostile) {
      const html = renderer.render(`Command: ${mdCode(text)}`);
      assert.doesNotMatch(html, /<img|<a |<h\d|<pre/, `${text} → ${html}`);
      assert.equal((html.match(/<code>/g) ?? []).length, 1, `one code span for ${text}: ${html}`);
    }
    assert.equal(renderer.render(mdCode('sleep 600')).trim(), '<p><code>sleep 600</code></p>');
  });
});

