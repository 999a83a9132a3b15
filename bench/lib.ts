/**
 * The shape every benchmark part reports in, and the helpers they share. `npm run bench`
 * (bench/run.ts) prints one table of these rows and writes bench/RESULTS.md.
 */
export interface BenchRow {
  /** P1 … P5, with a letter for sub-rows (P2a). */
  id: string;
  what: string;
  /** The measured figure(s), human-readable, medians over repeated runs. */
  figure: string;
  /** The target, human-readable, e.g. "≤ 0.40× bare parse". */
  target: string;
  /** The ratio or value compared with the target, taken in the same run. */
  ratio: number;
  /** ratio ≤ limit means met. */
  limit: number;
  unit?: '×' | 'ms' | 'calls';
}

export interface BenchContext {
  /** Base URL of the production app (on its embedded emulator). */
  appUrl: string;
  /** Base URL of that emulator, for direct signed calls and its control endpoints. */
  emulatorUrl: string;
  /** Demo key pair the emulator accepts. */
  secretId: string;
  secretKey: string;
  /** Repetitions: medians are taken over this many runs (BENCH_RUNS, default 5). */
  runs: number;
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

export const met = (row: BenchRow) => row.ratio <= row.limit;
