/** GET /api/health — which backend the server uses and whether it answers: fetcher, options, hook. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from './fetch-json';

export interface Health {
  mode: 'emulator' | 'ci';
  endpoint?: string;
  bucket: string;
  region: string;
  upstream: { reachable: boolean; latencyMs: number; error?: { code: string; message: string } };
}

export function fetchHealth(signal?: AbortSignal): Promise<Health> {
  return fetchJson<Health>('/api/health', signal);
}

export function healthQueryOptions() {
  return queryOptions({
    queryKey: ['health'] as const,
    queryFn: ({ signal }) => fetchHealth(signal),
    staleTime: 30_000,
    refetchInterval: 60_000,
  });
}

export function useHealth() {
  return useQuery(healthQueryOptions());
}
