import { and, eq, lte, or } from 'drizzle-orm';
import type { Context } from 'hono';
import type { Deps, Env } from '../../context';
import { MINUTE } from '../../lib/clock';
import { randomToken } from '../../lib/crypto';
import { AppError, conflict } from '../../lib/errors';
import { ownOrigin } from '../../lib/http';
import { isAuthFailure, RingCentralProvider, type OnRefresh, type RingCentralConfig, type RingCentralTokens } from '../../providers/ringcentral';
import { findOwnContact } from '../contacts/contacts.lookup';
import { ringcentralStates, ringcentralTokens } from './ringcentral.table';
import { EMPTY_FAVICON, escapeHtml } from '../../lib/html';
import type { Db } from '../../db/client';

declare module '../../context' {
  interface SettingsOptions {
    /**
     * The RingCentral app used to register RingCentral contacts (OAuth with PKCE) and to send
     * their SMS and RingOut calls. Without it, RingCentral contacts cannot be registered.
     */
    ringcentral?: RingCentralConfig;
  }
}

export const STATE_TTL_MS = 10 * MINUTE;
/** Refresh this long before the access token's expiry. */
const REFRESH_MARGIN_MS = MINUTE;

export const ringcentralConfig = (deps: Deps): RingCentralConfig | undefined => deps.options.ringcentral;

export function ringcentralProvider(deps: Deps): RingCentralProvider | null {
  const config = ringcentralConfig(deps);
  return config ? new RingCentralProvider(config) : null;
}

const stateHash = (deps: Deps, state: string) => deps.secrets.keyedHash(state, 'ringcentral-state');
const tokensContext = (contactId: string) => `ringcentral_tokens:${contactId}`;

/** The callback URL next to the route that asked: `<api>/integrations/ringcentral/callback`. */
function callbackUrl(c: Context<Env>): string {
  const configured = ringcentralConfig(c.var.deps)?.redirectUri;
  if (configured) return configured;
  const url = new URL(c.req.url);
  const base = url.pathname.replace(/\/contacts\/[^/]+\/ringcentral\/register\/?$/, '');
  return `${ownOrigin(c.var.deps.options.publicOrigin, c.req.url)}${base}/integrations/ringcentral/callback`;
}

/**
 * POST /contacts/:id/ringcentral/register: a single-use `state` bound to the user and contact,
 * stored hashed for 10 minutes with the PKCE verifier (encrypted) and the origin of the page that
 * asked (the callback page posts its message to that origin only).
 */
export async function startRegistration(c: Context<Env>, userId: string, contact: { id: string; provider: string }) {
  const deps = c.var.deps;
  if (contact.provider !== 'ringcentral') throw conflict('not_ringcentral', 'Only RingCentral contacts are registered.');
  const provider = ringcentralProvider(deps);
  if (!provider) throw new AppError(503, 'ringcentral_unavailable', 'RingCentral is not set up on this server. Ask your administrator.');
  const now = deps.clock.now();
  const state = randomToken(32);
  const redirectUri = callbackUrl(c);
  const { url, codeVerifier } = provider.authorizeUrl({ state, redirectUri });
  const hash = stateHash(deps, state);
  // One live registration per contact (a new Register voids the previous popup's state), and no expired leftovers.
  await deps.db.delete(ringcentralStates).where(or(eq(ringcentralStates.contactId, contact.id), and(eq(ringcentralStates.userId, userId), lte(ringcentralStates.expiresAt, now))));
  await deps.db.insert(ringcentralStates).values({
    stateHash: hash,
    userId,
    contactId: contact.id,
    codeVerifier: deps.secrets.encrypt(codeVerifier, `ringcentral_state:${hash}`),
    redirectUri,
    openerOrigin: c.req.header('origin') ?? ownOrigin(deps.options.publicOrigin, c.req.url),
    createdAt: now,
    expiresAt: new Date(now.getTime() + STATE_TTL_MS),
  });
  return { authorizeUrl: url };
}

export type CallbackOutcome =
  | { ok: true; contactId: string; openerOrigin: string }
  | { ok: false; status: 400 | 403 | 502; title: string; message: string; openerOrigin?: string; contactId?: string };

/**
 * GET /integrations/ringcentral/callback: spends the state (one DELETE … RETURNING, so a replay
 * finds nothing), checks its expiry and that the same user is signed in, exchanges the code with
 * the PKCE verifier, and stores the tokens encrypted.
 */
export async function completeRegistration(c: Context<Env>, query: { code?: string; state?: string; error?: string }): Promise<CallbackOutcome> {
  const deps = c.var.deps;
  const refused = (title: string, message: string, status: 400 | 403 | 502 = 400): CallbackOutcome => ({ ok: false, status, title, message });
  if (!query.state) return refused('This link is not valid', 'The RingCentral answer carried no registration state. Start the registration again from your contacts.');
  const [row] = await deps.db.delete(ringcentralStates).where(eq(ringcentralStates.stateHash, stateHash(deps, query.state))).returning();
  if (!row) return refused('This link is not valid', 'This registration link is unknown or was already used. Start the registration again from your contacts.');
  const now = deps.clock.now();
  const bound = { openerOrigin: row.openerOrigin, contactId: row.contactId };
  if (row.expiresAt <= now) return { ...refused('This registration expired', 'More than 10 minutes passed since it started. Start the registration again from your contacts.'), ...bound };
  const signedIn = c.var.auth?.user.id;
  if (signedIn !== row.userId) return { ...refused('Sign in first', 'This registration belongs to another sign-in. Sign in to the same account and start it again.', 403), ...bound };
  if (query.error || !query.code) return { ...refused('Registration cancelled', 'RingCentral did not grant access, so the number is not registered. You can try again at any time.'), ...bound };
  const provider = ringcentralProvider(deps);
  if (!provider) return { ...refused('RingCentral is not set up', 'This server has no RingCentral app configured.', 502), ...bound };
  let tokens: RingCentralTokens;
  try {
    const codeVerifier = deps.secrets.decrypt(row.codeVerifier, `ringcentral_state:${row.stateHash}`);
    tokens = await provider.exchangeCode({ code: query.code, redirectUri: row.redirectUri, codeVerifier });
  } catch (error) {
    deps.log(`[error] ringcentral code exchange: ${error instanceof Error ? error.message : String(error)}`);
    return { ...refused('RingCentral refused the registration', 'The authorization could not be completed. Start the registration again.', 502), ...bound };
  }
  const contact = await findOwnContact(deps.db, row.userId, row.contactId);
  if (!contact) {
    await provider.revoke(tokens).catch(() => {});
    return { ...refused('This contact is gone', 'The contact was removed while RingCentral was asking. Nothing was registered.'), ...bound };
  }
  await storeTokens(deps, row.contactId, row.userId, tokens, { registeredAt: now });
  return { ok: true, ...bound };
}

async function storeTokens(deps: Deps, contactId: string, userId: string, tokens: RingCentralTokens, at: { registeredAt?: Date; previous?: string }) {
  const now = deps.clock.now();
  const sealed = deps.secrets.encrypt(JSON.stringify(tokens), tokensContext(contactId));
  const accessExpiresAt = new Date(now.getTime() + Number(tokens.expires_in || 3600) * 1000);
  const refreshExpiresAt = tokens.refresh_token_expires_in ? new Date(now.getTime() + Number(tokens.refresh_token_expires_in) * 1000) : null;
  if (at.registeredAt) {
    const values = { tokens: sealed, accessExpiresAt, refreshExpiresAt, registeredAt: at.registeredAt, refreshedAt: null };
    await deps.db.insert(ringcentralTokens).values({ contactId, userId, ...values }).onConflictDoUpdate({ target: ringcentralTokens.contactId, set: values });
    return sealed;
  }
  // A refresh: only if nobody refreshed in between (compare-and-set on the sealed value).
  const written = await deps.db
    .update(ringcentralTokens)
    .set({ tokens: sealed, accessExpiresAt, refreshExpiresAt, refreshedAt: now })
    .where(and(eq(ringcentralTokens.contactId, contactId), eq(ringcentralTokens.tokens, at.previous!)))
    .returning({ id: ringcentralTokens.contactId });
  return written.length > 0 ? sealed : null;
}

export const notRegistered = () =>
  conflict('ringcentral_not_registered', 'Register this number with RingCentral first: outbound messages and calls through RingCentral need it.');

/**
 * Runs `use` with fresh tokens of a registered contact: refreshed first when the access token is
 * (about to be) expired by the app's clock, and stored again when the SDK refreshed them itself
 * after a 401. A refresh RingCentral refuses ends the registration (409 `ringcentral_not_registered`).
 */
export async function withRingCentral<T>(
  deps: Deps,
  contactId: string,
  use: (provider: RingCentralProvider, tokens: RingCentralTokens, onRefresh: OnRefresh) => Promise<T>,
): Promise<T> {
  const provider = ringcentralProvider(deps);
  const [row] = await deps.db.select().from(ringcentralTokens).where(eq(ringcentralTokens.contactId, contactId));
  if (!provider || !row) throw notRegistered();
  let sealed = row.tokens;
  let tokens = JSON.parse(deps.secrets.decrypt(sealed, tokensContext(contactId))) as RingCentralTokens;
  const end = async (error: unknown): Promise<never> => {
    deps.log(`[error] ringcentral grant refused, registration ended: ${error instanceof Error ? error.message : String(error)}`);
    await deps.db.delete(ringcentralTokens).where(eq(ringcentralTokens.contactId, contactId));
    throw notRegistered();
  };
  const now = deps.clock.now();
  if (row.accessExpiresAt.getTime() - REFRESH_MARGIN_MS <= now.getTime()) {
    if (row.refreshExpiresAt && row.refreshExpiresAt <= now) return end(new Error('refresh token expired'));
    let fresh: RingCentralTokens;
    try {
      fresh = await provider.refresh(tokens);
    } catch (error) {
      // Another instance may have rotated the refresh token a moment ago: use its tokens.
      const [latest] = await deps.db.select().from(ringcentralTokens).where(eq(ringcentralTokens.contactId, contactId));
      if (!latest || latest.tokens === row.tokens) return end(error);
      sealed = latest.tokens;
      tokens = JSON.parse(deps.secrets.decrypt(latest.tokens, tokensContext(contactId))) as RingCentralTokens;
      return run();
    }
    const stored = await storeTokens(deps, contactId, row.userId, fresh, { previous: sealed });
    if (!stored) throw notRegistered();
    sealed = stored;
    tokens = fresh;
  }
  return run();

  async function run(): Promise<T> {
    const onRefresh: OnRefresh = async (fresh) => {
      const stored = await storeTokens(deps, contactId, row!.userId, fresh, { previous: sealed });
      if (stored) sealed = stored;
    };
    try {
      return await use(provider!, tokens, onRefresh);
    } catch (error) {
      if (isAuthFailure(error)) return end(error);
      throw error;
    }
  }
}

/** Registrations as a subquery (contact id, registered at) for the contact list to join. */
export function ringcentralRegistrations(db: Db) {
  return db.select({ contactId: ringcentralTokens.contactId, registeredAt: ringcentralTokens.registeredAt }).from(ringcentralTokens).as('ringcentral_registrations');
}

/** Whether this contact holds a RingCentral registration. */
export async function isRingCentralRegistered(db: Db, contactId: string): Promise<boolean> {
  const [token] = await db.select({ at: ringcentralTokens.registeredAt }).from(ringcentralTokens).where(eq(ringcentralTokens.contactId, contactId));
  return Boolean(token);
}

/** Revokes the grant at RingCentral (best effort: logged when RingCentral cannot be reached) and forgets it. */
export async function revokeRegistration(deps: Deps, contactId: string): Promise<void> {
  const [row] = await deps.db.delete(ringcentralTokens).where(eq(ringcentralTokens.contactId, contactId)).returning();
  if (!row) return;
  const provider = ringcentralProvider(deps);
  if (!provider) return;
  try {
    const tokens = JSON.parse(deps.secrets.decrypt(row.tokens, tokensContext(contactId))) as RingCentralTokens;
    await provider.revoke(tokens);
  } catch (error) {
    deps.log(`[error] ringcentral revoke: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** JSON safe inside a <script>: no `<`, `>`, `&` or line separators. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * The page the popup lands on. On success it posts `{type:'sk-ringcentral-registered', contactId}`
 * to its opener with the opener's origin as target (never `*`), then closes. Refusals explain
 * themselves and post `sk-ringcentral-failed` so the element can say so too.
 */
export function callbackPage(outcome: CallbackOutcome, nonce: string): string {
  const title = outcome.ok ? 'RingCentral is registered' : outcome.title;
  const message = outcome.ok ? 'Your number is registered. This window closes by itself; you can also close it.' : outcome.message;
  const post = outcome.openerOrigin && outcome.contactId
    ? { target: outcome.openerOrigin, message: outcome.ok ? { type: 'sk-ringcentral-registered', contactId: outcome.contactId } : { type: 'sk-ringcentral-failed', contactId: outcome.contactId, reason: outcome.title } }
    : null;
  const script = post
    ? `<script nonce="${nonce}">(function(){var p=${scriptJson(post)};try{if(window.opener)window.opener.postMessage(p.message,p.target);}catch(e){}${outcome.ok ? 'setTimeout(function(){window.close();},300);' : ''}document.getElementById("close").addEventListener("click",function(){window.close();});})();</script>`
    : `<script nonce="${nonce}">document.getElementById("close").addEventListener("click",function(){window.close();});</script>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer">
${EMPTY_FAVICON}<title>${escapeHtml(title)}</title><style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#16181d}
main{max-width:420px;margin:48px auto;padding:24px;background:#fff;border:1px solid #d9dde3;border-radius:8px}
h1{font-size:20px;margin:0 0 8px}.ok h1{color:#17803d}.no h1{color:#c0262d}
button{font:inherit;padding:8px 16px;border-radius:8px;border:1px solid #d9dde3;background:#fff;color:inherit;cursor:pointer}
button:focus-visible{outline:3px solid #2f5bea;outline-offset:2px}
@media (prefers-color-scheme: dark){body{background:#0f1115;color:#e8eaef}main{background:#171a21;border-color:#2f3440}.ok h1{color:#5fd38b}.no h1{color:#ff7b7b}button{background:#20242d;border-color:#2f3440}}
</style></head><body><main class="${outcome.ok ? 'ok' : 'no'}" role="${outcome.ok ? 'status' : 'alert'}"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><button id="close" type="button">Close this window</button></main>${script}</body></html>`;
}
