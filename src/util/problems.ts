// Several data files are loaded at once; their problems are reported together.
import { DataFileError, type DataProblem } from './load-yaml.ts';

/** Collects DataFileErrors from several loads so that all problems are reported at once. */
export class ProblemCollector {
  readonly problems: DataProblem[] = [];
  run<T>(fn: () => T): T | undefined {
    try {
      return fn();
    } catch (err) {
      if (err instanceof DataFileError) {
        for (const p of err.problems) this.problems.push(p);
        return undefined;
      }
      throw err;
    }
  }
  throwIfAny(): void {
    if (this.problems.length) throw new DataFileError(this.problems);
  }
}
