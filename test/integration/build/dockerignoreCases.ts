// The .dockerignore table: every case is built twice on the real engine — once through the
// docker CLI (the reference) and once from the extension's packed context — and the files the
// build sees are compared.

/** The context every case starts from; a trailing "/" is an empty directory, "->" a symlink. */
export const CONTEXT_TREE = [
  'a.txt', 'b.md', 'c.go', '.hidden', '#hash.txt', 'space file.txt', 'weird[1].txt',
  'dir/x.txt', 'dir/y.md', 'dir/sub/z.txt', 'dir/sub/deep/w.go',
  'other/x.txt', 'other/keep.md',
  '.git/config', 'node_modules/pkg/index.js', 'node_modules/pkg/README.md',
  'docs/README.md', 'docs/img/logo.png', 'build/out.bin', 'build/Dockerfile.dev',
  'src/main.go', 'src/lib/util.go', 'src/lib/util_test.go', 'empty/',
  'link-to-a -> a.txt', 'dirlink -> dir',
];

export interface IgnoreCase {
  readonly name: string;
  readonly ignore: string | undefined;
  /** Dockerfile path relative to the context (default "Dockerfile"). */
  readonly dockerfile?: string;
  /** The CLI refuses the file: both sides must fail. */
  readonly malformed?: boolean;
}

const c = (name: string, ignore: string | undefined, extra: Partial<IgnoreCase> = {}): IgnoreCase => ({ name, ignore, ...extra });

export const IGNORE_CASES: readonly IgnoreCase[] = [
  c('no .dockerignore', undefined),
  c('empty file', ''),
  c('comments and blank lines only', '# nothing\n\n   \n# *.txt\n'),
  c('extension at the root only', '*.md'),
  c('extension anywhere', '**/*.md'),
  c('a directory by name', 'dir'),
  c('a directory with trailing slash', 'dir/'),
  c('a directory with leading slash', '/dir'),
  c('the children of a directory', 'dir/*'),
  c('everything below a directory', 'dir/**'),
  c('a type below a directory', 'dir/**/*.txt'),
  c('a name at any depth', '**/x.txt'),
  c('a name one level down', '*/x.txt'),
  c('everything', '*'),
  c('everything but one file', '*\n!a.txt'),
  c('a directory except one file in it', 'dir\n!dir/x.txt'),
  c('a directory except a deep file', 'dir\n!dir/sub/z.txt'),
  c('a subdirectory except its subdirectory', 'dir/sub\n!dir/sub/deep'),
  c('node_modules at the root', 'node_modules'),
  c('node_modules anywhere', '**/node_modules'),
  c('.git', '.git'),
  c('all dot files', '.*'),
  c('single-character wildcard', '?.txt'),
  c('character class', '[ab].*'),
  c('negated character class', '[^a].txt'),
  c('escaped brackets', 'weird\\[1\\].txt'),
  c('a name with a space', 'space file.txt'),
  c('surrounding whitespace is trimmed', '   a.txt   '),
  c('a commented-out pattern', '# a.txt'),
  c('a hash after leading space is a pattern', '  #hash.txt'),
  c('escaped hash', '\\#hash.txt'),
  c('the Dockerfile listed', 'Dockerfile'),
  c('.dockerignore listed', '.dockerignore'),
  c('everything but the Dockerfile', '*\n!Dockerfile'),
  c('double star alone', '**'),
  c('double star slash', '**/'),
  c('a path with ..', 'dir/../a.txt'),
  c('a path with ./', './a.txt'),
  c('an exception with nothing before it', '!a.txt'),
  c('text files except one at depth', '*.txt\n!**/z.txt'),
  c('an exception that does not start with the excluded directory', 'dir\n!**/z.txt'),
  c('docs contents except the README', 'docs/**\n!docs/README.md'),
  c('docs except its images', 'docs\n!docs/img'),
  c('a directory and its contents twice', 'build\nbuild/**'),
  c('test files in one folder', 'src/lib/*_test.go'),
  c('test files anywhere', '**/*_test.go'),
  c('a name below src at any depth', 'src/**/util.go'),
  c('exceptions and re-exclusion in order', '*.txt\n!dir/*.txt\ndir/sub'),
  c('a deep directory by name anywhere', '**/deep'),
  c('a deep directory’s contents', 'dir/sub/deep/**'),
  c('excluded, excepted, excluded again', 'other\n!other/keep.md\nother/keep.md'),
  c('markdown except one README', '*.md\n!docs/README.md'),
  c('case matters', '**/*.MD'),
  c('an exception naming the parent directory', 'dir/x.txt\n!dir'),
  c('three levels of stars', '*/*/*'),
  c('a file with trailing slash', 'a.txt/'),
  c('a lone slash', '/'),
  c('.git anywhere', '**/.git'),
  c('a symlink by name', 'link-to-a'),
  c('a symlinked directory by name', 'dirlink'),
  c('empty directory', 'empty'),
  c('Dockerfile in an excluded directory', 'build', { dockerfile: 'build/Dockerfile.dev' }),
  c('Dockerfile elsewhere, everything excluded', '*', { dockerfile: 'build/Dockerfile.dev' }),
  c('an unclosed bracket', 'weird[1.txt', { malformed: true }),
  c('CRLF line endings', '*.md\r\n!docs/README.md\r\n'),
  c('byte order mark', '\uFEFF*.md'),
];
