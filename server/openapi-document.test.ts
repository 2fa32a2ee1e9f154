import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './testing/test-app';

// The route builders (lib/openapi.ts `jsonRoute`) must write the same document as the
// createRoute blocks they replaced, and later edits should change it only on purpose.
// The outline names what changed; the digest catches any other change, down to key order.

let t: TestApp;
beforeAll(async () => (t = await createTestApp()));
afterAll(() => t.close());

type Operation = {
  tags?: string[];
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
};
const schemaName = (schema: unknown) => ((schema as { $ref?: string }).$ref ?? 'inline').replace('#/components/schemas/', '');
const contentOf = (content?: Record<string, { schema: unknown }>) =>
  Object.entries(content ?? {}).map(([type, { schema }]) => `${type === 'application/json' ? '' : `${type} `}${schemaName(schema)}`).join(',') || '-';

function outline(doc: { paths: Record<string, Record<string, Operation>> }) {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) =>
      [
        `${method.toUpperCase()} ${path}`,
        `[${op.tags?.join(',')}]`,
        op.parameters?.length ? `params:${op.parameters.map((p) => `${p.in}.${p.name}`).join(',')}` : '',
        op.requestBody ? `body:${contentOf(op.requestBody.content)}` : '',
        ...Object.entries(op.responses).map(([status, r]) => `${status}:${contentOf(r.content)}`),
      ].filter(Boolean).join(' '),
    ),
  );
}

it('serves the same OpenAPI document (routes, statuses, schemas, and a digest of every byte)', async () => {
  const res = await t.browser().get('/openapi.json');
  expect(res.status).toBe(200);
  const text = await res.text();
  const digest = createHash('sha256').update(text).digest('hex');
  await expect([...outline(JSON.parse(text)), `sha256 ${digest}`].join('\n') + '\n').toMatchFileSnapshot('./openapi-document.snap.txt');
});
