// dockerfile-ast reads an instruction's arguments from the text again each time they are asked
// for: about five times per RUN or COPY while it parses, which is most of the parse time. They
// cannot change once the instruction exists, so this makes it read them once per instruction.
// It wraps a method that dockerfile-ast does not publish; if a release renames it, the guard leaves
// the library alone and parsing is merely slower.
import { Argument, Instruction } from 'dockerfile-ast';

type ArgumentReader = (this: Instruction) => Argument[];
const CACHED = Symbol('docker-hosts.cachedArguments');

export function cacheInstructionArguments(): void {
  const prototype = Instruction.prototype as unknown as { getRawArguments?: ArgumentReader; [CACHED]?: true };
  const read = prototype.getRawArguments;
  if (typeof read !== 'function' || prototype[CACHED]) {
    return;
  }
  const cache = new WeakMap<Instruction, Argument[]>();
  prototype.getRawArguments = function cachedRawArguments(this: Instruction): Argument[] {
    let args = cache.get(this);
    if (!args) {
      args = read.call(this);
      cache.set(this, args);
    }
    // Callers shift flags off the array they get; Argument objects themselves are immutable.
    return args.slice();
  };
  prototype[CACHED] = true;
}
