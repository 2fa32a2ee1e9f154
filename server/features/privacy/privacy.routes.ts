import { z } from '@hono/zod-openapi';
import { text } from '../../lib/schemas';
import { currentAuth, currentUser } from '../../lib/auth';
import { featureRouter, jsonRoute } from '../../lib/openapi';
import { exportStream } from './privacy.export';
import {
  accountDeletionAllowed,
  DELETE_CONFIRMATION_WORD,
  deleteAccount,
  getPrivacySettings,
  issueExportTicket,
  putPrivacySettings,
  redeemExportTicket,
} from './privacy.service';

const tags = ['Privacy'];
const locked = { 423: '`account_locked`, with Retry-After' } as const;

const PrivacyBody = z
  .object({ analytics: z.boolean({ error: 'analytics must be true or false.' }).openapi({ description: 'Anonymous usage analytics' }) })
  .strict()
  .openapi('PrivacySettings');

const PrivacyAnswer = PrivacyBody.extend({
  accountDeletion: z.boolean().openapi({ description: 'Whether this server lets users delete their own account' }),
});

const PasswordField = text({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(1024, 'Use at most 128 characters.');

const getRoute = jsonRoute('get', '/privacy', { tags, summary: 'Privacy settings, and whether account deletion is available', response: PrivacyAnswer });

const putRoute = jsonRoute('put', '/privacy', { tags, summary: 'Replace the privacy settings', body: PrivacyBody, response: PrivacyAnswer });

const exportTicketRoute = jsonRoute('post', '/account/export', {
  tags, summary: 'Re-check the password and get a download link for the data export',
  description: 'The export needs the password again (SECURITY.md 21). Rather than streaming a large file as the answer to a POST (which a browser can only save after holding all of it in memory), this answers with a single-use link valid for 5 minutes; `GET /account/export?ticket=…` then streams the file and the browser saves it as a download.',
  body: z.object({ password: PasswordField.optional() }).strict(), response: z.object({ ticket: z.string(), downloadPath: z.string(), expiresAt: z.string() }), status: 201, responseDescription: 'The ticket; download within 5 minutes',
  errors: locked,
});

const exportRoute = jsonRoute('get', '/account/export', {
  tags, summary: 'Download all of your data as a JSON attachment (no secret, hash or token)',
  query: z.object({ ticket: text({ error: 'ticket is required: get one from POST /account/export.' }).min(1, 'ticket is required.').max(200, 'ticket is too long.') }),
  errors: { 403: '`export_ticket_invalid`: expired, used, or another user\'s' },
  responses: { 200: { description: 'The export, streamed (`Content-Disposition: attachment`)', content: { 'application/json': { schema: z.object({}).passthrough() } } } },
});

const DeleteBody = z
  .object({
    password: PasswordField.optional(),
    confirm: text({ error: `Type ${DELETE_CONFIRMATION_WORD} to confirm.` })
      .refine((v) => v.trim() === DELETE_CONFIRMATION_WORD, `Type ${DELETE_CONFIRMATION_WORD} to confirm.`),
  })
  .strict();
const deleteRoute = jsonRoute('post', '/account/delete', {
  tags, summary: 'Delete the account and every row of its data',
  description: `Needs the password and the word ${DELETE_CONFIRMATION_WORD} typed as \`confirm\`. Ends every session and sends a goodbye email. The host can turn this off with \`allowAccountDeletion: false\`.`,
  body: DeleteBody, noContent: true, errors: { 403: '`account_deletion_disabled`', 409: '`last_admin`: the last active administrator cannot delete the account while other accounts exist', ...locked },
});

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'account';

export const privacyRoutes = featureRouter()
  .openapi(getRoute, async (c) => {
    const settings = await getPrivacySettings(c.var.deps, currentUser(c).id);
    return c.json({ ...settings, accountDeletion: accountDeletionAllowed(c.var.deps) }, 200);
  })
  .openapi(putRoute, async (c) => {
    const settings = await putPrivacySettings(c.var.deps, currentUser(c).id, c.req.valid('json'));
    return c.json({ ...settings, accountDeletion: accountDeletionAllowed(c.var.deps) }, 200);
  })
  .openapi(exportTicketRoute, async (c) => {
    const { ticket, expiresAt } = await issueExportTicket(c.var.deps, currentUser(c), c.req.valid('json').password);
    return c.json({ ticket, downloadPath: `account/export?ticket=${encodeURIComponent(ticket)}`, expiresAt: expiresAt.toISOString() }, 201);
  })
  .openapi(exportRoute, async (c) => {
    const user = currentUser(c);
    const deps = c.var.deps;
    await redeemExportTicket(deps, user.id, c.req.valid('query').ticket);
    const day = deps.clock.now().toISOString().slice(0, 10);
    return c.body(exportStream(deps, user.id), 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${slug(deps.appName)}-data-${day}.json"`,
      'Cache-Control': 'no-store',
    }) as never;
  })
  .openapi(deleteRoute, async (c) => {
    currentAuth(c);
    await deleteAccount(c, currentUser(c), c.req.valid('json'));
    return c.body(null, 204);
  });
