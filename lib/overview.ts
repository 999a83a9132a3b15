/**
 * One failure group of an overview: what GET /api/overview answers per error code (server/index/
 * queries.ts) and what the browser's own collection builds (features/overview/aggregate.ts).
 */
export interface FailureCode {
  /** CI's failure code; '' when a failed job carries none. */
  code: string;
  count: number;
  share: number;
  /** Newest creation time in the group (ISO, UTC), or null. */
  latest: string | null;
  tags: [string, number][];
  /** Queue ID ('—' for none) → jobs, most first, among the group's newest `sampled` jobs. */
  queues: [string, number][];
  /** Message ('' for none) → jobs, most first, among the same jobs: one code often has several causes. */
  messages: [string, number][];
  /** How many of the newest jobs `queues` and `messages` count: `count`, or the newest ones of a large group (the index reads 100). */
  sampled: number;
}
