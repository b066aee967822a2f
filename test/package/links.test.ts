// The README and the manual hold together: every relative link and anchor
// resolves, and no doc or code comment sends the reader to a file the
// repository does not have, or to an issue number they cannot look up.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Directories that hold no sources of this repository (installed, built or generated). */
const SKIP = new Set([
  'node_modules',
  '.git',
  'dist',
  'build',
  'data',
  'coverage',
  'screenshots',
  '.cache',
  '.size-limit-cache',
]);

/** Every file under `dir` (relative to the repository), skipping the directories above. */
function walk(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (SKIP.has(entry.name)) return [];
    if (entry.isDirectory()) return walk(path);
    return entry.isFile() ? [path] : [];
  });
}

const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** The text outside fenced code blocks. */
function prose(markdown: string): string {
  let fenced = false;
  return markdown
    .split('\n')
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) {
        fenced = !fenced;
        return '';
      }
      return fenced ? '' : line;
    })
    .join('\n');
}

/**
 * The anchors GitHub gives a file's headings: the heading's text as rendered (no markup), lower
 * case, punctuation dropped except hyphens, each space a hyphen; a repeated slug gets -1, -2, ….
 * Explicit `<a id="…">` / `<a name="…">` anchors count too.
 */
export function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const line of prose(markdown).split('\n')) {
    for (const [, id] of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(id!);
    const heading = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const text = heading[1]!
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images: their text
      .replace(/<[^>]+>/g, '') // inline HTML
      .replace(/[`*]/g, '') // code and emphasis markers
      .replace(/(^|\s)_+|_+(\s|$)/g, '$1$2'); // emphasis with underscores, not snake_case
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count ? `${base}-${count}` : base);
  }
  return anchors;
}

/** Every link target in a markdown file: inline `[x](target)`, images, and `[x]: target` definitions. */
function linksOf(markdown: string): string[] {
  const text = prose(markdown).replace(/`[^`\n]*`/g, 'code'); // a link's text may be code; code is never a link
  const inline = [...text.matchAll(/!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
  const defined = [...text.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1]!);
  return [...inline, ...defined];
}

const files = walk('');
const markdown = files.filter((path) => path.endsWith('.md'));
/** The manual (what a reader follows from the README) first, then every other markdown file. */
const manual = [
  'README.md',
  'CONTRIBUTING.md',
  'CHANGELOG.md',
  ...markdown.filter((path) => path.startsWith('docs/')),
  ...markdown.filter((path) => !path.startsWith('docs/') && path.includes('/')),
];

describe('links in the README and the manual', () => {
  test('the manual is there', () => {
    for (const path of ['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md', 'docs/getting-started.md']) {
      expect(existsSync(join(root, path)), path).toBe(true);
    }
  });

  test('the slugs follow GitHub: lower case, punctuation dropped, spaces as hyphens, repeats numbered', () => {
    const anchors = anchorsOf(
      [
        '# The closing signal: `closed`',
        '## On the script tag: `data-` attributes',
        '## Before "yes"',
        '## 0.1.0 — unreleased',
        '## Next.js',
        '## Next.js',
        '```sh',
        '# not a heading',
        '```',
      ].join('\n'),
    );
    expect([...anchors]).toEqual([
      'the-closing-signal-closed',
      'on-the-script-tag-data--attributes',
      'before-yes',
      '010--unreleased',
      'nextjs',
      'nextjs-1',
    ]);
  });

  test.each(manual)('every relative link and anchor in %s resolves', (path) => {
    const broken: string[] = [];
    for (const link of linksOf(read(path))) {
      if (/^[a-z][a-z\d+.-]*:/i.test(link) || link.startsWith('//')) continue; // https:, mailto:, …
      const [target = '', anchor] = link.split('#', 2) as [string, string | undefined];
      const file = target ? resolve(root, dirname(path), decodeURI(target)) : join(root, path);
      if (!file.startsWith(root) || !existsSync(file)) {
        broken.push(`${link}: no such file`);
        continue;
      }
      if (anchor === undefined) continue;
      if (statSync(file).isDirectory() || extname(file) !== '.md') {
        broken.push(`${link}: an anchor into a file that is not markdown`);
        continue;
      }
      const anchors = anchorsOf(readFileSync(file, 'utf8'));
      if (!anchors.has(decodeURIComponent(anchor))) {
        broken.push(`${link}: no heading "#${anchor}" in ${relative(root, file)}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

/** Markdown files named in capitals, as a doc or comment cites them: only ones the repository has may be. */
const CITED_DOC = /\b[A-Z][A-Z\d_-]*\.md\b/g;
const HAVE = new Set(markdown.map((path) => path.split('/').pop()!));
/**
 * An issue or pull-request number: "issue", "issues", "PR" or "pull request" then a hash and digits; a
 * hash and digits alone in parentheses; a hash and one or two digits anywhere. Not a colour
 * (`#0b57d0`, `#767676`), an anchor (`#1-run-a-collector`) or a longer number (`order #12345`): the
 * test below shows each.
 */
const ISSUE = /\b(?:issues?|PR|pull request)\s+#\d+|\(#\d+\)|(?<![\w&#/'"=-])#\d{1,2}(?![\w-])/gi;

/** The comments of a source file: `//` and `/* *\/` comments, HTML comments, and shell `#` lines. */
function commentsOf(path: string, text: string): string {
  if (!/\.(m|c)?[jt]sx?$|\.(css|html)$/.test(path)) {
    return text
      .split('\n')
      .filter((line) => /^\s*#(?!!)/.test(line))
      .join('\n');
  }
  const block = [...text.matchAll(/\/\*[\s\S]*?\*\/|<!--[\s\S]*?-->/g)].map((m) => m[0]);
  // `//` after a colon or a quote is a URL or a string, not a comment.
  const line = [...text.matchAll(/(?<![:'"`\\/\w])\/\/.*$/gm)].map((m) => m[0]);
  return [...block, ...line].join('\n');
}

const SOURCE_DIRS = ['src', 'widget', 'demo', 'test', 'scripts', 'bench', '.ci'];
const sources = files.filter(
  (path) =>
    (SOURCE_DIRS.some((dir) => path.startsWith(`${dir}/`)) || !path.includes('/')) &&
    (/\.(m|c)?[jt]sx?$|\.(css|html|sh)$/.test(path) || path === '.ci/run'),
);

describe('no reference the reader cannot follow', () => {
  const hits = (path: string, text: string) => {
    const found: string[] = [];
    text.split('\n').forEach((line) => {
      for (const [name] of line.matchAll(CITED_DOC)) if (!HAVE.has(name)) found.push(`cites ${name}: ${line.trim()}`);
      for (const [ref] of line.matchAll(ISSUE)) found.push(`issue number ${ref}: ${line.trim()}`);
    });
    return found.map((hit) => `${path}: ${hit}`);
  };

  test('the patterns catch what they should, and not colours, anchors or order numbers', () => {
    const text = [
      'see DESIGN.md',
      'issue #6 applies them',
      'the outbox (#3) flushes',
      'the check #7 asks for',
      'color: #0b57d0; #767676 on white; #999',
      '[Run](#1-run-a-collector), order #12345, `#config=eyJ`',
      'see README.md and docs',
    ].join('\n');
    expect(hits('x', text).map((hit) => hit.split(':')[1])).toEqual([
      ' cites DESIGN.md',
      ' issue number issue #6',
      ' issue number (#3)',
      ' issue number #7',
    ]);
  });

  test('no markdown file cites a missing file or an issue number', () => {
    expect(markdown.flatMap((path) => hits(path, read(path)))).toEqual([]);
  });

  test('no code comment cites a missing file or an issue number', () => {
    expect(sources.length).toBeGreaterThan(100);
    expect(sources.flatMap((path) => hits(path, commentsOf(path, read(path))))).toEqual([]);
  });
});
