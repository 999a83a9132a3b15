/**
 * The CI client of a test or bench that starts its own emulator: the emulator's own URL and first
 * bucket, the demo key pair, and CI timing read from `env` as the server reads CI_* variables.
 */
import { DEMO_CREDENTIALS } from '@/emulator';
import { CiClient, type ClientOptions } from '@/server/ci/client';
import { emulatorConfig, readCiTiming, type CiConfig } from '@/server/ci/config';

/** What of a started emulator the client needs (its URL and first bucket). */
export interface EmulatorAddress {
  url: string;
  bucket: string;
  region: string;
}

export function emulatorCiConfig(
  emulator: EmulatorAddress,
  env: Record<string, string> = {},
  secretKey: string = DEMO_CREDENTIALS.secretKey,
): CiConfig {
  const { url, bucket, region } = emulator;
  return emulatorConfig({ url, bucket, region, secretId: DEMO_CREDENTIALS.secretId, secretKey }, readCiTiming(env));
}

export function emulatorCiClient(
  emulator: EmulatorAddress,
  env: Record<string, string> = {},
  options: ClientOptions = {},
): CiClient {
  return new CiClient(emulatorCiConfig(emulator, env), options);
}
