// The source of the Dockerfile and .dockerignore TextMate grammars. Regexes are written here with
// String.raw (no JSON double escaping) and the JSON files beside this script are generated from it:
//   node syntaxes/build-grammars.mjs          writes the JSON files
//   node syntaxes/build-grammars.mjs --check  exits 1 when a JSON file is not what this script makes
// The grammar tests run the check, so an edit here without a rebuild fails the tests.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const r = String.raw;
const here = dirname(fileURLToPath(import.meta.url));

// An instruction ends after the last character of a line that has content and no continuation.
// Empty lines inside a continuation do not end it (BuildKit skips them; see NoEmptyContinuation),
// and the continuation patterns consume the line break, so this never sees a continued line's end.
// It consumes nothing, so that nested rules and their instruction can all end at the same place.
const INSTRUCTION_END = r`(?<=\S)(?=\s*$)`;
// A construct left open at the end of a line (a quote, a `${`) closes there, so that a typo does
// not colour the rest of the file.
const OPEN_AT_LINE_END = r`(?<=\S)(?=\s*$)`;
const HEREDOC_NAME = r`[A-Za-z_][A-Za-z0-9_]*`;
// A heredoc opener: `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'`; never the `<<<` of a here-string.
const HEREDOC_OPENER = r`(?<!<)<<-?(["']?)${HEREDOC_NAME}\1`;
const HEREDOC_AHEAD = r`(?<!<)<<-?["']?[A-Za-z_]`;
const WORD_START = r`(?:^|(?<=\s))`;
const DIRECTIVE_AHEAD = r`#\s*(?i:syntax|escape|check)\s*=\s*\S`;

const keyword = (word) => `(?i:${word})`;
const instructionBegin = (word) => r`(?:^|\G)\s*(${keyword(word)})(?=\s|$)`;

function instruction(word, patterns, extra = {}) {
  return {
    name: `meta.instruction.${word.toLowerCase()}.dockerfile`,
    begin: instructionBegin(word),
    beginCaptures: { 1: { name: 'keyword.other.instruction.dockerfile' } },
    end: INSTRUCTION_END,
    patterns,
    ...extra,
  };
}

const include = (name) => ({ include: `#${name}` });

// Shell text is tokenized by the shell grammar. It recognises a command name only at the start of a
// line or after an operator, so its `command_statement` rule is added for the first word after
// `RUN ` (shell rules still win where they match first, e.g. for assignments and keywords).
const SHELL = [{ include: 'source.shell' }, { include: 'source.shell#command_statement' }];

// Heredoc bodies. `shell` bodies (RUN) are tokenized line by line as shell; `file` bodies (COPY,
// ADD) are text, with variables when the delimiter is unquoted (BuildKit expands those).
function heredocBodyLine(kind, expands) {
  if (kind === 'shell') {
    return { match: r`^(.+)`, captures: { 1: { name: 'meta.embedded.line.shell', patterns: SHELL } } };
  }
  return {
    match: r`^(.+)`,
    captures: { 1: { name: 'string.unquoted.heredoc.dockerfile', patterns: expands ? [include('variable')] : [] } },
  };
}

// What follows the opener on its own line: `RUN <<EOF bash -e`, `COPY <<EOF /dest`, more openers.
// Shell text between openers is tokenized piece by piece, so that the shell grammar never sees (and
// claims) a later opener.
function heredocOpenerLineRest(kind) {
  const patterns = kind === 'shell' ? [include('heredoc-opener-marker'), include('shell-between-openers')] : [include('heredoc-opener-marker'), include('variable'), include('string')];
  return { match: r`\G(.+)`, captures: { 1: { patterns } } };
}

const heredocOpenerCaptures = {
  1: { name: 'keyword.operator.heredoc.dockerfile' },
  2: { name: 'punctuation.definition.string.begin.dockerfile' },
  3: { name: 'entity.name.tag.heredoc-delimiter.dockerfile' },
  4: { name: 'punctuation.definition.string.end.dockerfile' },
};
const heredocCloserCaptures = { 1: { name: 'entity.name.tag.heredoc-delimiter.dockerfile' } };

/** One heredoc alone on its line: `<<-` lets the closing delimiter be indented with tabs. */
function singleHeredoc(kind, { dash, quoted }) {
  return {
    name: 'meta.heredoc.dockerfile',
    contentName: kind === 'shell' ? 'meta.embedded.block.shell' : undefined,
    begin: r`(?<!<)(<<${dash ? '-' : '(?!-)'})${quoted ? `(["'])` : '()'}(${HEREDOC_NAME})(\2)`,
    beginCaptures: heredocOpenerCaptures,
    end: dash ? r`^\t*(\3)$` : r`^(\3)$`,
    endCaptures: heredocCloserCaptures,
    patterns: [heredocOpenerLineRest(kind), heredocBodyLine(kind, !quoted)],
  };
}

/**
 * Several heredocs opened on one line (`RUN <<A cat - <<B`): their bodies follow one after another.
 * A TextMate rule can only refer back to its own begin captures, so the rule for N heredocs looks
 * ahead to capture the Nth delimiter (its body comes last), and nests the rule for the first N-1 at
 * the same position. Closing delimiters may be tab-indented here whether or not `<<-` was used.
 */
function multiHeredoc(kind, count, anchored) {
  const openers = Array.from({ length: count }, (_, i) => r`(?<!<)<<-?(["']?)(${HEREDOC_NAME})` + `\\${2 * i + 1}`);
  const lastName = 2 * count;
  const inner = count === 2 ? firstOfSeveralHeredocs(kind) : multiHeredoc(kind, count - 1, true);
  return {
    name: 'meta.heredoc.dockerfile',
    contentName: kind === 'shell' ? 'meta.embedded.block.shell' : undefined,
    begin: `${anchored ? r`\G` : ''}(?=${openers.join('.*?')})`,
    end: r`^\t*(` + `\\${lastName})$`,
    endCaptures: heredocCloserCaptures,
    patterns: [inner, heredocBodyLine(kind, true)],
  };
}

function firstOfSeveralHeredocs(kind) {
  return {
    begin: r`\G(<<-?)(["']?)(${HEREDOC_NAME})(\2)`,
    beginCaptures: heredocOpenerCaptures,
    end: r`^\t*(\3)$`,
    endCaptures: heredocCloserCaptures,
    patterns: [heredocOpenerLineRest(kind), heredocBodyLine(kind, true)],
  };
}

function heredocs(kind) {
  return {
    patterns: [
      multiHeredoc(kind, 3, false),
      multiHeredoc(kind, 2, false),
      singleHeredoc(kind, { dash: true, quoted: true }),
      singleHeredoc(kind, { dash: true, quoted: false }),
      singleHeredoc(kind, { dash: false, quoted: true }),
      singleHeredoc(kind, { dash: false, quoted: false }),
    ],
  };
}

// A JSON exec-form array: `["executable", "arg"]`. Only where the bracket is followed by a string
// or `]`, so that shell tests such as `RUN [ -f x ]` stay shell.
function jsonArray(expandsVariables) {
  return {
    name: 'meta.array.json.dockerfile',
    begin: r`(\[)(?=\s*(?:"|\]|[\\` + '`' + r`][ \t]*$))`,
    beginCaptures: { 1: { name: 'punctuation.definition.array.begin.dockerfile' } },
    end: r`(\])|${OPEN_AT_LINE_END}`,
    endCaptures: { 1: { name: 'punctuation.definition.array.end.dockerfile' } },
    patterns: [
      {
        name: 'string.quoted.double.json.dockerfile',
        begin: '"',
        beginCaptures: { 0: { name: 'punctuation.definition.string.begin.dockerfile' } },
        end: r`(")|${OPEN_AT_LINE_END}`,
        endCaptures: { 1: { name: 'punctuation.definition.string.end.dockerfile' } },
        patterns: [
          { name: 'constant.character.escape.json.dockerfile', match: r`\\(?:["\\/bfnrt]|u[0-9A-Fa-f]{4})` },
          { name: 'invalid.illegal.escape.json.dockerfile', match: r`\\(?![ \t]*$).` },
          ...(expandsVariables ? [include('variable')] : []),
        ],
      },
      { name: 'punctuation.separator.array.dockerfile', match: ',' },
      { name: 'invalid.illegal.single-quoted-string.dockerfile', match: r`'[^']*'` },
    ],
  };
}

const dockerfileRepository = {
  directives: {
    // BuildKit reads parser directives only on consecutive `#` lines from the very first line.
    begin: r`\A(?=${DIRECTIVE_AHEAD})`,
    end: r`^(?!${DIRECTIVE_AHEAD})`,
    patterns: [include('escape-backtick-file'), include('directive')],
  },
  'directives-after-escape': {
    begin: r`^\G(?=${DIRECTIVE_AHEAD})`,
    end: r`^(?!${DIRECTIVE_AHEAD})`,
    patterns: [include('directive')],
  },
  // `# escape=`` switches the escape and line continuation character for the rest of the file.
  'escape-backtick-file': {
    name: 'meta.escape-backtick.dockerfile',
    begin: r`^(?=#\s*(?i:escape)\s*=\s*` + '`' + r`\s*$)`,
    end: r`(?!)`,
    patterns: [include('directives-after-escape'), include('body')],
  },
  directive: {
    patterns: [
      {
        name: 'meta.directive.check.dockerfile',
        match: r`^(#)\s*((?i:check))\s*(=)\s*(.+?)\s*$`,
        captures: {
          1: { name: 'punctuation.definition.directive.dockerfile' },
          2: { name: 'keyword.control.directive.dockerfile' },
          3: { name: 'keyword.operator.assignment.dockerfile' },
          4: {
            name: 'string.unquoted.directive-value.dockerfile',
            patterns: [
              { match: r`\b(skip|error|experimental)\s*(=)`, captures: { 1: { name: 'entity.other.attribute-name.check-option.dockerfile' }, 2: { name: 'keyword.operator.assignment.dockerfile' } } },
              { name: 'punctuation.separator.check-option.dockerfile', match: ';' },
              { name: 'punctuation.separator.rule.dockerfile', match: ',' },
            ],
          },
        },
      },
      {
        name: 'meta.directive.escape.dockerfile',
        match: r`^(#)\s*((?i:escape))\s*(=)\s*(\S+?)\s*$`,
        captures: {
          1: { name: 'punctuation.definition.directive.dockerfile' },
          2: { name: 'keyword.control.directive.dockerfile' },
          3: { name: 'keyword.operator.assignment.dockerfile' },
          4: { name: 'constant.character.escape.directive-value.dockerfile' },
        },
      },
      {
        name: 'meta.directive.syntax.dockerfile',
        match: r`^(#)\s*((?i:syntax))\s*(=)\s*(.+?)\s*$`,
        captures: {
          1: { name: 'punctuation.definition.directive.dockerfile' },
          2: { name: 'keyword.control.directive.dockerfile' },
          3: { name: 'keyword.operator.assignment.dockerfile' },
          4: { name: 'string.unquoted.directive-value.dockerfile' },
        },
      },
    ],
  },
  body: {
    patterns: [include('comment'), include('instruction'), include('unknown-instruction')],
  },
  comment: {
    name: 'comment.line.number-sign.dockerfile',
    match: r`^\s*(#).*$`,
    captures: { 1: { name: 'punctuation.definition.comment.dockerfile' } },
  },
  // Inside a continued instruction BuildKit drops whole comment lines; the line break is consumed so
  // that the instruction goes on.
  'continuation-comment': {
    name: 'comment.line.number-sign.dockerfile',
    match: r`^\s*(#).*\n`,
    captures: { 1: { name: 'punctuation.definition.comment.dockerfile' } },
  },
  'line-continuation-backslash': {
    match: r`(\\)[ \t]*\n`,
    captures: { 1: { name: 'constant.character.escape.line-continuation.dockerfile' } },
  },
  'line-continuation-backtick': {
    match: '(`)[ \\t]*\\n',
    captures: { 1: { name: 'constant.character.escape.line-continuation.dockerfile' } },
  },
  'escape-backslash': { name: 'constant.character.escape.dockerfile', match: r`\\(?![ \t]*$).` },
  'escape-backtick': { name: 'constant.character.escape.dockerfile', match: '`(?![ \\t]*$).' },
  instruction: {
    patterns: [
      include('from'), include('run'), include('cmd'), include('entrypoint'), include('copy'), include('add'),
      include('env'), include('arg'), include('label'), include('expose'), include('volume'), include('user'),
      include('workdir'), include('shell'), include('stopsignal'), include('healthcheck'), include('onbuild'),
      include('maintainer'),
    ],
  },
  'unknown-instruction': {
    name: 'meta.instruction.unknown.dockerfile',
    begin: r`(?:^|\G)\s*([A-Za-z][A-Za-z0-9_-]*)(?=\s|$)`,
    beginCaptures: { 1: { name: 'invalid.illegal.unknown-instruction.dockerfile' } },
    end: INSTRUCTION_END,
    patterns: [include('string'), include('variable')],
  },
  from: instruction('FROM', [include('flag'), include('from-stage-name'), include('from-image'), include('variable')]),
  'from-stage-name': {
    match: r`(?<=\s)(${keyword('AS')})\s+([^\s\\` + '`' + r`]+)`,
    captures: { 1: { name: 'keyword.other.as.dockerfile' }, 2: { name: 'entity.name.stage.dockerfile' } },
  },
  'from-image': {
    match: r`${WORD_START}(?!-)(?!${keyword('AS')}(?:\s|$))([^\s\\` + '`' + r`]+)`,
    captures: { 1: { name: 'entity.name.type.image.dockerfile', patterns: [include('variable')] } },
  },
  run: instruction('RUN', [include('flag'), include('heredoc-shell'), include('exec-form'), include('single-quoted-array'), include('shell-form')]),
  cmd: instruction('CMD', [include('exec-form'), include('single-quoted-array'), include('shell-form')]),
  entrypoint: instruction('ENTRYPOINT', [include('exec-form'), include('single-quoted-array'), include('shell-form')]),
  copy: instruction('COPY', [include('flag'), include('heredoc-file'), include('json-array-expanded'), include('string'), include('variable')]),
  add: instruction('ADD', [include('flag'), include('heredoc-file'), include('json-array-expanded'), include('string'), include('variable')]),
  env: instruction('ENV', [include('legacy-key'), include('env-key'), include('string'), include('variable')]),
  'legacy-key': {
    // The legacy `ENV KEY value` form: the first word is the name when no `=` follows it.
    match: r`\G\s+([A-Za-z_][A-Za-z0-9_.-]*)(?=[ \t]+[^\s=])`,
    captures: { 1: { name: 'variable.other.env.dockerfile' } },
  },
  'env-key': {
    match: r`${WORD_START}([A-Za-z_][A-Za-z0-9_.-]*)(=)`,
    captures: { 1: { name: 'variable.other.env.dockerfile' }, 2: { name: 'keyword.operator.assignment.dockerfile' } },
  },
  arg: instruction('ARG', [include('arg-name'), include('string'), include('variable')]),
  'arg-name': {
    match: r`${WORD_START}([A-Za-z_][A-Za-z0-9_]*)(=)?`,
    captures: { 1: { name: 'variable.other.arg.dockerfile' }, 2: { name: 'keyword.operator.assignment.dockerfile' } },
  },
  label: instruction('LABEL', [include('label-key'), include('string'), include('variable')]),
  'label-key': {
    match: r`${WORD_START}([A-Za-z0-9_][A-Za-z0-9_.-]*|"[^"]*")(=)`,
    captures: { 1: { name: 'entity.other.attribute-name.label.dockerfile' }, 2: { name: 'keyword.operator.assignment.dockerfile' } },
  },
  expose: instruction('EXPOSE', [
    {
      match: r`${WORD_START}(\d+(?:-\d+)?)(?:(/)(${keyword('tcp|udp|sctp')}))?(?=\s|$)`,
      captures: {
        1: { name: 'constant.numeric.port.dockerfile' },
        2: { name: 'punctuation.separator.protocol.dockerfile' },
        3: { name: 'constant.language.protocol.dockerfile' },
      },
    },
    include('variable'),
  ]),
  volume: instruction('VOLUME', [include('json-array-expanded'), include('string'), include('variable')]),
  user: instruction('USER', [include('variable'), { name: 'punctuation.separator.user-group.dockerfile', match: ':' }]),
  workdir: instruction('WORKDIR', [include('string'), include('variable')]),
  shell: instruction('SHELL', [include('exec-form')]),
  stopsignal: instruction('STOPSIGNAL', [
    { name: 'constant.language.signal.dockerfile', match: r`${WORD_START}(?:(?i:SIG)[A-Za-z0-9+-]+|\d+)(?=\s|$)` },
    include('variable'),
  ]),
  healthcheck: instruction('HEALTHCHECK', [
    include('flag'),
    { name: 'constant.language.none.dockerfile', match: r`${WORD_START}${keyword('NONE')}(?=\s|$)` },
    {
      name: 'meta.healthcheck-command.dockerfile',
      begin: r`${WORD_START}(${keyword('CMD')})(?=\s|$)`,
      beginCaptures: { 1: { name: 'keyword.other.instruction.dockerfile' } },
      end: INSTRUCTION_END,
      patterns: [include('exec-form'), include('single-quoted-array'), include('shell-form')],
    },
  ]),
  onbuild: instruction('ONBUILD', [include('instruction'), include('unknown-instruction')]),
  maintainer: instruction('MAINTAINER', [include('string'), include('variable')]),
  flag: {
    name: 'meta.flag.dockerfile',
    match: r`${WORD_START}((--)[A-Za-z][A-Za-z0-9-]*)(?:(=)((?:[^\s\\` + '`' + r`]|[\\` + '`' + r`](?![ \t]*$))*))?`,
    captures: {
      1: { name: 'entity.other.attribute-name.flag.dockerfile' },
      2: { name: 'punctuation.definition.flag.dockerfile' },
      3: { name: 'keyword.operator.assignment.dockerfile' },
      4: {
        name: 'string.unquoted.flag-value.dockerfile',
        patterns: [
          {
            match: r`([A-Za-z][A-Za-z0-9_-]*)(=)`,
            captures: { 1: { name: 'entity.other.attribute-name.option.dockerfile' }, 2: { name: 'keyword.operator.assignment.dockerfile' } },
          },
          { name: 'punctuation.separator.option.dockerfile', match: ',' },
          include('variable'),
        ],
      },
    },
  },
  'heredoc-shell': heredocs('shell'),
  'heredoc-file': heredocs('file'),
  'shell-between-openers': {
    match: r`((?:(?!${HEREDOC_AHEAD}).)+)`,
    captures: { 1: { patterns: SHELL } },
  },
  'heredoc-opener-marker': {
    match: r`(?<!<)(<<-?)(["']?)(${HEREDOC_NAME})(\2)`,
    captures: heredocOpenerCaptures,
  },
  'exec-form': jsonArray(false),
  'json-array-expanded': jsonArray(true),
  // `CMD ['a', 'b']` is not JSON: Docker runs it as a shell command, which is rarely what was meant.
  'single-quoted-array': {
    name: 'invalid.illegal.single-quoted-array.dockerfile',
    match: r`\[\s*'[^']*'(?:\s*,\s*'[^']*')*\s*\](?=\s*$)`,
  },
  // The shell form: from the first word to the end of the instruction, shell on every line.
  'shell-form': {
    name: 'meta.shell-form.dockerfile',
    begin: r`(?=\S)(?![\\` + '`' + r`][ \t]*$)`,
    end: INSTRUCTION_END,
    patterns: [include('heredoc-shell'), include('shell-line'), include('shell-grammar-dependency')],
  },
  // Never matches. The shell grammar is otherwise only named inside captures, which TextMate
  // registries do not follow when they decide which grammars to load along with this one.
  'shell-grammar-dependency': { begin: '(?!)', end: '(?!)', patterns: [{ include: 'source.shell' }] },
  // One line of shell, up to a line continuation or a heredoc opener. Each line is tokenized on its
  // own, so an unbalanced quote in one RUN cannot colour the rest of the file.
  'shell-line': {
    match: r`((?:(?!${HEREDOC_AHEAD})[^\s])(?:(?!${HEREDOC_AHEAD}).)*?)(?=\s*[\\` + '`' + r`][ \t]*$|\s*$|\s*${HEREDOC_AHEAD})`,
    captures: { 1: { name: 'meta.embedded.line.shell', patterns: SHELL } },
  },
  string: {
    patterns: [
      {
        name: 'string.quoted.double.dockerfile',
        begin: '"',
        beginCaptures: { 0: { name: 'punctuation.definition.string.begin.dockerfile' } },
        end: r`(")|${OPEN_AT_LINE_END}`,
        endCaptures: { 1: { name: 'punctuation.definition.string.end.dockerfile' } },
        patterns: [include('variable')],
      },
      {
        name: 'string.quoted.single.dockerfile',
        begin: "'",
        beginCaptures: { 0: { name: 'punctuation.definition.string.begin.dockerfile' } },
        end: r`(')|${OPEN_AT_LINE_END}`,
        endCaptures: { 1: { name: 'punctuation.definition.string.end.dockerfile' } },
      },
    ],
  },
  variable: {
    patterns: [
      {
        name: 'meta.variable.braced.dockerfile',
        begin: r`(\$\{)([A-Za-z_][A-Za-z0-9_]*)?(?:(:?[-+?])|(##?|%%?|//?))?`,
        beginCaptures: {
          1: { name: 'punctuation.definition.variable.begin.dockerfile' },
          2: { name: 'variable.other.dockerfile' },
          3: { name: 'keyword.operator.expansion.dockerfile' },
          4: { name: 'keyword.operator.expansion.dockerfile' },
        },
        end: r`(\})|${OPEN_AT_LINE_END}`,
        endCaptures: { 1: { name: 'punctuation.definition.variable.end.dockerfile' } },
        patterns: [include('variable')],
      },
      {
        name: 'variable.other.dockerfile',
        match: r`(\$)[A-Za-z_][A-Za-z0-9_]*`,
        captures: { 1: { name: 'punctuation.definition.variable.dockerfile' } },
      },
    ],
  },
};

const dockerfileGrammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Dockerfile',
  scopeName: 'source.dockerfile',
  comment: 'Generated by syntaxes/build-grammars.mjs; edit that file, not this one.',
  patterns: [include('directives'), include('body')],
  repository: dockerfileRepository,
  // The escape character decides what continues a line and what escapes a character. Injections let
  // every construct inside an instruction share one set of rules, switched by the backtick scope.
  injections: {
    'L:meta.instruction - meta.heredoc - meta.escape-backtick': { patterns: [include('line-continuation-backslash')] },
    'L:meta.escape-backtick meta.instruction - meta.heredoc': { patterns: [include('line-continuation-backtick')] },
    'L:meta.instruction - meta.heredoc': { patterns: [include('continuation-comment')] },
    'L:meta.instruction - meta.heredoc - meta.escape-backtick - meta.embedded - string.quoted.double.json': { patterns: [include('escape-backslash')] },
    'L:meta.escape-backtick meta.instruction - meta.heredoc - meta.embedded - string.quoted.double.json': { patterns: [include('escape-backtick')] },
  },
};

const dockerignoreGrammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Docker ignore',
  scopeName: 'source.dockerignore',
  comment: 'Generated by syntaxes/build-grammars.mjs; edit that file, not this one.',
  patterns: [
    { name: 'comment.line.number-sign.dockerignore', match: r`^\s*(#).*$`, captures: { 1: { name: 'punctuation.definition.comment.dockerignore' } } },
    { match: r`^\s*(!)`, captures: { 1: { name: 'keyword.operator.negation.dockerignore' } } },
    { name: 'keyword.operator.glob.dockerignore', match: r`\*\*|\*|\?` },
    {
      name: 'meta.character-class.dockerignore',
      match: r`(\[)(\^)?[^\]]*(\])`,
      captures: {
        1: { name: 'punctuation.definition.character-class.begin.dockerignore' },
        2: { name: 'keyword.operator.negation.dockerignore' },
        3: { name: 'punctuation.definition.character-class.end.dockerignore' },
      },
    },
    { name: 'constant.character.escape.dockerignore', match: r`\\.` },
  ],
};

const outputs = {
  'dockerfile.tmLanguage.json': dockerfileGrammar,
  'dockerignore.tmLanguage.json': dockerignoreGrammar,
};

const check = process.argv.includes('--check');
let stale = 0;
for (const [file, grammar] of Object.entries(outputs)) {
  const path = join(here, file);
  const json = `${JSON.stringify(grammar, undefined, 2)}\n`;
  if (!check) {
    writeFileSync(path, json);
    continue;
  }
  let current = '';
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (current !== json) {
    console.error(`syntaxes/${file} is not what syntaxes/build-grammars.mjs makes: run "node syntaxes/build-grammars.mjs"`);
    stale++;
  }
}
process.exit(stale === 0 ? 0 : 1);
