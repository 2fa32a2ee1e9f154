import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { seedDemoAdmin } from './demo-admin';

let t: TestApp;
beforeAll(async () => (t = await createTestApp()));
afterAll(() => t.close());

describe('the demo admin account', () => {
  it('is created once on an empty database, printed, and can sign in as admin', async () => {
    const lines: string[] = [];
    const seeded = await seedDemoAdmin(t.database, {}, (line) => lines.push(line));
    expect(seeded?.email).toBe('admin@example.com');
    expect(lines.join('\n')).toContain(seeded!.password);
    const b = t.browser();
    const res = await b.post('/auth/sign-in', { email: seeded!.email, password: seeded!.password });
    expect((await res.json()).user).toMatchObject({ role: 'admin', status: 'active' });
    expect((await b.get('/admin/account-policy')).status).toBe(200);
    expect(await seedDemoAdmin(t.database, {}, (line) => lines.push(line))).toBeNull();
    expect(lines).toHaveLength(1);
    // the next sign-up is an ordinary user
    const second = await t.browser().post('/auth/sign-up', { email: 'second@example.com', password: 'correct horse battery staple' });
    expect((await second.json()).user.role).toBe('user');
  });
});
