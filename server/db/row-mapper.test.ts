import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../features/accounts/accounts.table';
import { createTestApp, type TestApp } from '../testing/test-app';
import { withCompiledRows } from './row-mapper';

let t: TestApp;
beforeAll(async () => (t = await createTestApp()));
afterAll(() => t.close());

describe('withCompiledRows', () => {
  it('maps rows as drizzle does (columns, nested groups, SQL with its decoder, times as Dates) through its own mapper', async () => {
    const { id } = await t.browser().signUp();
    const fields = {
      id: users.id,
      createdAt: users.createdAt,
      user: { email: users.email, hasPassword: sql<boolean>`(${users.passwordHash} is not null)`, lengthOfEmail: sql<number>`length(${users.email})`.mapWith(Number) },
    };
    const build = () => t.db.select(fields).from(users).where(eq(users.id, sql.placeholder('id')));
    const plain = await build().prepare('sk_test_plain').execute({ id });
    let mapped = 0;
    const compiled = withCompiledRows(build().prepare('sk_test_compiled'), fields) as unknown as { customResultMapper: (rows: unknown[][]) => unknown[] };
    const mapper = compiled.customResultMapper;
    compiled.customResultMapper = (rows) => ((mapped += rows.length), mapper(rows));
    const fast = await (compiled as unknown as { execute(v: object): Promise<unknown[]> }).execute({ id });
    expect(mapped).toBe(1); // drizzle handed the rows to the compiled mapper
    expect(fast).toEqual(plain);
    expect((fast[0] as { createdAt: unknown }).createdAt).toBeInstanceOf(Date);
    expect((fast[0] as { user: { lengthOfEmail: unknown } }).user.lengthOfEmail).toBeTypeOf('number');
  });
});
