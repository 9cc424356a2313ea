/** Something about the saved machines the user should hear about once (a warning and the log). */
export interface MachineProblem {
  /**
   * `store-unreadable`: the list was not JSON and was set aside; `store-newer`: a newer version wrote
   * it (shown, never changed); `machine-invalid`: one entry was refused (the others load, the entry
   * stays in the file as it was); `certificate`: a machine's certificate file cannot be used.
   */
  readonly kind: 'store-unreadable' | 'store-newer' | 'machine-invalid' | 'certificate';
  /** The machine's name (or id) when the problem is about one machine. */
  readonly machine?: string;
  readonly message: string;
}

/** One line per problem, for a warning and the log. */
export function describeProblems(problems: readonly MachineProblem[]): string {
  return problems.map((problem) => (problem.machine ? `${problem.machine}: ${problem.message}` : problem.message)).join(' · ');
}
