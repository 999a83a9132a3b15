/** Starts an emulator on a free port with a hand-driven clock, and signs requests by that clock. */
import { startEmulator, type Emulator, type EmulatorOptions } from '@/emulator';

import { listAll, signedGet, type Params, type SignOptions } from './signed-fetch';

/** A fixed instant, so every run sees the same data set in the same state. */
export const BASE = Date.UTC(2026, 10, 20, 4, 0, 0);

export interface Harness {
  emu: Emulator;
  clock: { now: number };
  get(path: string, params?: Params, options?: SignOptions): ReturnType<typeof signedGet>;
  listAll(params: Record<string, string>, options?: SignOptions): Promise<string[]>;
}

export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const clock = { now: BASE };
  const emu = await startEmulator({ now: () => clock.now, baseTime: BASE, ...options });
  return {
    emu,
    clock,
    get: (path, params, o) => signedGet(emu.url, path, params, { now: clock.now, ...o }),
    listAll: (params, o) => listAll(emu.url, params, { now: clock.now, ...o }),
  };
}
