// dockerfile-ast reads an instruction's arguments from the text again each time they are asked
// for: about five times per RUN or COPY while it parses, which is most of the parse time. They
// cannot change once the instruction exists, so this makes it read them once per instruction.
// It also drops an instruction's flags from its arguments one `shift()` at a time, which is
// quadratic in the number of flags (seconds for a FROM line of 40,000 `--a`); a slice is the same.
// These wrap methods that dockerfile-ast does not publish; if a release renames them, the guard
// leaves the library alone and parsing is merely slower.
import { Argument, Flag, Instruction, ModifiableInstruction } from 'dockerfile-ast';

type ArgumentReader = (this: Instruction) => Argument[];
const CACHED = Symbol('docker-hosts.cachedArguments');
const ARGUMENTS = Symbol('docker-hosts.arguments');

export function cacheInstructionArguments(): void {
  const prototype = Instruction.prototype as unknown as { getRawArguments?: ArgumentReader; [CACHED]?: true };
  const read = prototype.getRawArguments;
  if (typeof read !== 'function' || prototype[CACHED]) {
    return;
  }
  // A field on the instruction rather than a WeakMap: weak entries cost every garbage collection.
  prototype.getRawArguments = function cachedRawArguments(this: Instruction & { [ARGUMENTS]?: Argument[] }): Argument[] {
    let args = this[ARGUMENTS];
    if (!args) {
      args = read.call(this);
      this[ARGUMENTS] = args;
    }
    // Callers shift flags off the array they get; Argument objects themselves are immutable.
    return args.slice();
  };
  prototype[CACHED] = true;
  sliceFlagsOff();
}

function sliceFlagsOff(): void {
  const modifiable = ModifiableInstruction.prototype as unknown as { getArguments?: ArgumentReader; getFlags?: (this: Instruction) => Flag[] };
  const base = Instruction.prototype as unknown as { getArguments?: ArgumentReader };
  const plain = base.getArguments;
  if (!Object.prototype.hasOwnProperty.call(modifiable, 'getArguments') || typeof plain !== 'function' || typeof modifiable.getFlags !== 'function') {
    return;
  }
  modifiable.getArguments = function argumentsAfterFlags(this: Instruction): Argument[] {
    const args = plain.call(this);
    const flags = (this as unknown as ModifiableInstruction).getFlags();
    return flags.length === 0 ? args : args.slice(flags.length);
  };
}
