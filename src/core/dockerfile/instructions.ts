// What the editor says about each Dockerfile instruction: the hover text and the completion list.

export interface InstructionInfo {
  readonly keyword: string;
  /** One sentence: what the instruction does. */
  readonly summary: string;
  /** The forms it is written in, one per line. */
  readonly syntax: readonly string[];
  readonly flags: readonly FlagInfo[];
  readonly deprecated?: boolean;
}

export interface FlagInfo {
  /** Without the leading `--`. */
  readonly name: string;
  readonly takesValue: boolean;
  readonly summary: string;
}

const REFERENCE = 'https://docs.docker.com/reference/dockerfile/';

const COPY_FLAGS: readonly FlagInfo[] = [
  { name: 'from', takesValue: true, summary: 'Copy from a build stage, an image or a named context instead of the build context.' },
  { name: 'chown', takesValue: true, summary: 'Owner (user:group) of the copied files.' },
  { name: 'chmod', takesValue: true, summary: 'Permissions of the copied files.' },
  { name: 'link', takesValue: false, summary: 'Copy into an independent layer that survives changes to earlier layers.' },
  { name: 'parents', takesValue: false, summary: 'Keep the parent directories of the sources.' },
  { name: 'exclude', takesValue: true, summary: 'Leave out paths that match this pattern.' },
];

export const INSTRUCTIONS: readonly InstructionInfo[] = [
  {
    keyword: 'FROM',
    summary: 'Starts a build stage from a base image (or an earlier stage); `AS name` names the stage.',
    syntax: ['FROM [--platform=<platform>] <image>[:<tag>|@<digest>] [AS <name>]'],
    flags: [{ name: 'platform', takesValue: true, summary: 'Platform of the base image, e.g. linux/amd64 or $BUILDPLATFORM.' }],
  },
  {
    keyword: 'RUN',
    summary: 'Runs a command in a new layer on top of the current image.',
    syntax: ['RUN [OPTIONS] <command ...>', 'RUN [OPTIONS] ["executable", "param", ...]', 'RUN <<EOF … EOF'],
    flags: [
      { name: 'mount', takesValue: true, summary: 'Mount a cache, secret, SSH agent, bind or tmpfs while the command runs.' },
      { name: 'network', takesValue: true, summary: 'Network for the command: default, none or host.' },
      { name: 'security', takesValue: true, summary: 'Run with extra privileges (insecure) or the default sandbox.' },
    ],
  },
  {
    keyword: 'CMD',
    summary: 'The default command (or default arguments for ENTRYPOINT) when a container starts; only the last CMD counts.',
    syntax: ['CMD ["executable", "param", ...]', 'CMD ["param", ...]', 'CMD command param ...'],
    flags: [],
  },
  {
    keyword: 'ENTRYPOINT',
    summary: 'The executable that a container runs; CMD and `docker run` arguments are passed to it.',
    syntax: ['ENTRYPOINT ["executable", "param", ...]', 'ENTRYPOINT command param ...'],
    flags: [],
  },
  {
    keyword: 'COPY',
    summary: 'Copies files from the build context, a stage or an image into the image.',
    syntax: ['COPY [OPTIONS] <src> ... <dest>', 'COPY [OPTIONS] ["<src>", ... "<dest>"]', 'COPY <<EOF <dest> … EOF'],
    flags: COPY_FLAGS,
  },
  {
    keyword: 'ADD',
    summary: 'Like COPY, but also fetches URLs and Git repositories and unpacks local tar archives.',
    syntax: ['ADD [OPTIONS] <src> ... <dest>', 'ADD [OPTIONS] ["<src>", ... "<dest>"]'],
    flags: [
      ...COPY_FLAGS.filter((flag) => flag.name !== 'from'),
      { name: 'checksum', takesValue: true, summary: 'Expected checksum of a remote source.' },
      { name: 'keep-git-dir', takesValue: false, summary: 'Keep the .git directory of a Git source.' },
    ],
  },
  {
    keyword: 'ENV',
    summary: 'Sets environment variables for the rest of the stage and for containers made from the image.',
    syntax: ['ENV <key>=<value> ...'],
    flags: [],
  },
  {
    keyword: 'ARG',
    summary: 'Declares a build argument that `docker build --build-arg` can set; before the first FROM it is global to FROM lines.',
    syntax: ['ARG <name>[=<default value>] ...'],
    flags: [],
  },
  {
    keyword: 'LABEL',
    summary: 'Adds metadata to the image as key-value pairs.',
    syntax: ['LABEL <key>=<value> ...'],
    flags: [],
  },
  {
    keyword: 'EXPOSE',
    summary: 'Documents the ports that the container listens on; it does not publish them.',
    syntax: ['EXPOSE <port>[/<protocol>] ...'],
    flags: [],
  },
  {
    keyword: 'VOLUME',
    summary: 'Marks a path as a mount point for a volume.',
    syntax: ['VOLUME ["/data"]', 'VOLUME /data ...'],
    flags: [],
  },
  {
    keyword: 'USER',
    summary: 'Sets the user (and group) for the rest of the stage and for containers.',
    syntax: ['USER <user>[:<group>]', 'USER <UID>[:<GID>]'],
    flags: [],
  },
  {
    keyword: 'WORKDIR',
    summary: 'Sets the working directory for the instructions that follow, creating it if needed.',
    syntax: ['WORKDIR /path/to/workdir'],
    flags: [],
  },
  {
    keyword: 'SHELL',
    summary: 'Replaces the shell that runs the shell form of RUN, CMD and ENTRYPOINT.',
    syntax: ['SHELL ["executable", "parameters"]'],
    flags: [],
  },
  {
    keyword: 'STOPSIGNAL',
    summary: 'The signal that stops the container.',
    syntax: ['STOPSIGNAL signal'],
    flags: [],
  },
  {
    keyword: 'HEALTHCHECK',
    summary: 'How to test that the container still works (or NONE to turn off an inherited check).',
    syntax: ['HEALTHCHECK [OPTIONS] CMD command', 'HEALTHCHECK NONE'],
    flags: [
      { name: 'interval', takesValue: true, summary: 'Time between checks (default 30s).' },
      { name: 'timeout', takesValue: true, summary: 'Time after which a check counts as failed (default 30s).' },
      { name: 'start-period', takesValue: true, summary: 'Start-up time during which failures do not count (default 0s).' },
      { name: 'start-interval', takesValue: true, summary: 'Time between checks during the start period (default 5s).' },
      { name: 'retries', takesValue: true, summary: 'Consecutive failures before the container is unhealthy (default 3).' },
    ],
  },
  {
    keyword: 'ONBUILD',
    summary: 'Adds an instruction that runs later, when another build uses this image as its base.',
    syntax: ['ONBUILD <INSTRUCTION>'],
    flags: [],
  },
  {
    keyword: 'MAINTAINER',
    summary: 'Deprecated: sets the author field. Use `LABEL org.opencontainers.image.authors=…` instead.',
    syntax: ['MAINTAINER <name>'],
    flags: [],
    deprecated: true,
  },
];

const BY_KEYWORD = new Map(INSTRUCTIONS.map((info) => [info.keyword, info]));

/** The instruction for a keyword in any casing, or undefined when Docker does not know it. */
export function instructionInfo(keyword: string): InstructionInfo | undefined {
  return BY_KEYWORD.get(keyword.toUpperCase());
}

export function isKnownInstruction(keyword: string): boolean {
  return BY_KEYWORD.has(keyword.toUpperCase());
}

export function referenceUrl(keyword: string): string {
  return `${REFERENCE}#${keyword.toLowerCase()}`;
}
