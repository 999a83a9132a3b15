/**
 * PGlite behind Kysely's PostgresDialect: a "pool" of one connection. PGlite is a single Postgres
 * backend in this process, so every query and transaction takes turns — `connect()` waits until the
 * previous holder releases it, which is what keeps the sync's transactions and the API's reads
 * from interleaving on the one session. (kysely-pglite-dialect does not support PGlite 0.5 and
 * kysely-pglite pulls in a CLI; this is the 40 lines they would have been.)
 */
import 'server-only';

import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

type Command = PostgresQueryResult<unknown>['command'];

const COMMANDS = new Set<string>(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'SELECT']);

function commandOf(sql: string): Command {
  const word = /^\s*(?:with\b[\s\S]*?\)\s*)?([a-z]+)/i.exec(sql)?.[1]?.toUpperCase() ?? 'SELECT';
  return (COMMANDS.has(word) ? word : 'SELECT') as Command;
}

export class PGlitePool implements PostgresPool {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly db: PGlite) {}

  async connect(): Promise<PostgresPoolClient> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const previous = this.queue;
    this.queue = previous.then(() => turn);
    await previous;
    const db = this.db;
    let released = false;
    return {
      async query<R>(sql: string | object, parameters?: readonly unknown[]): Promise<PostgresQueryResult<R>> {
        if (typeof sql !== 'string') throw new Error('PGlitePool: cursors are not supported');
        const result = await db.query<R>(sql, parameters as unknown[]);
        return { command: commandOf(sql), rowCount: result.affectedRows ?? result.rows.length, rows: result.rows };
      },
      release() {
        if (released) return;
        released = true;
        release();
      },
    } as PostgresPoolClient;
  }

  async end(): Promise<void> {
    await this.queue;
    await this.db.close();
  }
}
