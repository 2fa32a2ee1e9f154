import { Column, is, SQL, type DriverValueDecoder } from 'drizzle-orm';
import type { Db } from './client';

/**
 * One prepared query per database, built at its first use (drizzle would otherwise rebuild the
 * SQL on every request): `perDatabase((db) => db.select(…).prepare(…))(deps.lookupDb)`.
 */
export function perDatabase<T>(build: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let query = cache.get(db);
    if (!query) cache.set(db, (query = build(db)));
    return query;
  };
}

interface PreparedWithMapper {
  customResultMapper?: (rows: unknown[][]) => unknown;
}

/**
 * Hot prepared selects (the session check on every request, the session list) map their rows with
 * decoders worked out once, instead of drizzle's per-row mapping that asks each field's kind on
 * every row (a profile of `/me` under load had that among its top frames). Same SQL, same
 * driver, same decoders; drizzle hands the raw array rows to `customResultMapper` when one is set
 * (both postgres.js and PGlite). Unlike drizzle, a left-joined object with no row is not turned
 * into null: its fields are null, which the two callers read alike.
 */
export function withCompiledRows<Q extends object>(query: Q, fields: Record<string, unknown>): Q {
  const columns = flatten(fields, []);
  (query as PreparedWithMapper).customResultMapper = (rows) =>
    rows.map((row) => {
      const out: Record<string, any> = {};
      for (let i = 0; i < columns.length; i++) {
        const { path, decoder } = columns[i]!;
        const raw = row[i];
        const value = raw === null || raw === undefined ? null : decoder.mapFromDriverValue(raw);
        if (path.length === 1) out[path[0]!] = value;
        else (out[path[0]!] ??= {})[path[1]!] = value;
      }
      return out;
    });
  return query;
}

type Decoder = DriverValueDecoder<unknown, unknown>;

/** The select's fields in drizzle's order (the SQL's column order), each with its decoder. */
function flatten(fields: Record<string, unknown>, prefix: string[]): { path: string[]; decoder: Decoder }[] {
  return Object.entries(fields).flatMap(([name, field]) => {
    const path = [...prefix, name];
    if (is(field, Column)) return [{ path, decoder: field as Decoder }];
    if (is(field, SQL)) return [{ path, decoder: (field as unknown as { decoder: Decoder }).decoder }];
    if (is(field, SQL.Aliased)) return [{ path, decoder: (field.sql as unknown as { decoder: Decoder }).decoder }];
    if (prefix.length === 0 && field && typeof field === 'object') return flatten(field as Record<string, unknown>, path);
    throw new Error(`withCompiledRows: field ${path.join('.')} is not a column, SQL or a group of them`);
  });
}
