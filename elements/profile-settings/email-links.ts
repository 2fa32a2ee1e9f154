import { msg, str } from '@lit/localize';
import { errorMessage, read, type ApiClient } from '../api/client';

/** What the page says after opening an emailed link of an email change. */
export interface EmailLinkOutcome {
  ok: boolean;
  message: string;
}

const CHANGE = 'sk-change-email';
const CANCEL = 'sk-cancel-email';

/**
 * The two links of an email change open the settings page with a fragment: `#sk-change-email=…`
 * (sent to the new address) or `#sk-cancel-email=…` (the undo link sent to the old one). Neither
 * needs a session, so the page answers them signed in or not, then tidies the fragment away so a
 * reload does not use the link again.
 */
export async function openEmailLink(api: ApiClient): Promise<EmailLinkOutcome | null> {
  const match = new RegExp(`(${CHANGE}|${CANCEL})=([^&]+)`).exec(location.hash);
  if (!match) return null;
  const [, kind, raw] = match;
  history.replaceState(null, '', `${location.pathname}${location.search}`);
  const token = decodeURIComponent(raw!);
  try {
    if (kind === CHANGE) {
      const { email } = await read(api.profile.email.confirm.$post({ json: { token } }));
      return { ok: true, message: msg(str`Your sign-in email is now ${email}.`) };
    }
    const { email } = await read(api.profile.email.cancel.$post({ json: { token } }));
    return { ok: true, message: msg(str`The email change was stopped. Your sign-in email is ${email}. If you did not ask for the change, change your password now.`) };
  } catch (error) {
    return { ok: false, message: errorMessage(error) };
  }
}
