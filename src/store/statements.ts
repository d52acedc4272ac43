// One prepared-statement cache per connection: every query module compiles its SQL once, here.
import type Database from "better-sqlite3-multiple-ciphers";

/** Dynamic SQL (filters, table queries) has many shapes; the least recently used are dropped. */
const MAX_CACHED = 512;

export class Statements {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  get(sql: string): Database.Statement {
    let statement = this.cache.get(sql);
    if (statement) {
      this.cache.delete(sql); // re-inserted below: the most recently used are kept
    } else {
      statement = this.db.prepare(sql);
      if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
    }
    this.cache.set(sql, statement);
    return statement;
  }

  /** DDL and multi-statement scripts, which cannot be prepared once. */
  exec(sql: string): void {
    this.db.exec(sql);
  }

  /** Runs `work` in one transaction (a savepoint when nested); a throw rolls it back. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /** A transaction that takes the write lock at once (BEGIN IMMEDIATE). */
  immediate<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  pragma(source: string): unknown {
    return this.db.pragma(source, { simple: true });
  }

  /** A SQL function implemented in JS (category rules, say). */
  defineFunction(name: string, fn: (value: unknown) => unknown): void {
    this.db.function(name, { deterministic: true }, fn);
  }

  get readonly(): boolean {
    return this.db.readonly;
  }

  close(): void {
    this.cache.clear();
    this.db.close();
  }
}
