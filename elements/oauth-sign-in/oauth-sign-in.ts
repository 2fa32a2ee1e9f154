import { localized, msg, str } from '@lit/localize';
import { TaskStatus } from '@lit/task';
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { customElement } from '../internal/define';
import { read } from '../api/client';
import { apiTask } from '../internal/api-task';
import { removeQueryParams } from '../internal/location';
import { SkElement } from '../internal/sk-element';
import { controls, tokens } from '../internal/theme';
import { oauthSignInStyles } from './oauth-sign-in.styles';

interface Provider {
  provider: 'google' | 'microsoft' | 'github';
  name: string;
  sandbox: boolean;
}

/**
 * "Continue with Google / Microsoft / GitHub" for accounts that connected one (seed 001
 * "Connected Accounts": faster sign-in). Put it under `<sign-in-form>`. Each button goes to the
 * provider and back to this page (full-page OAuth 2.0 code + PKCE flow); an identity that no account
 * connected is refused, and the reason is shown here on return. Renders nothing when the server has
 * no provider configured.
 *
 * @csspart button - Each provider's link.
 * @csspart error - The message after a refused sign-in.
 */
@localized()
@customElement('oauth-sign-in')
export class OauthSignIn extends SkElement {
  static override styles = [tokens, controls, oauthSignInStyles];

  /** Where to come back to after the provider; default: this page. */
  @property({ attribute: 'return-to' }) returnTo?: string;

  // No skeletons and no load error on a sign-in page: until the list comes (or when it cannot be
  // read) there is simply no provider button; the password form works on its own.
  private readonly providerList = apiTask(this, async (api) => (await read(api.auth.oauth.providers.$get())).providers as Provider[]);
  @state() private error: string | null = null;

  override connectedCallback() {
    super.connectedCallback();
    this.readOutcome();
  }

  /** The callback sends the browser back with `?oauth_error=code&provider=…`: show it once, then tidy the URL. */
  private readOutcome() {
    const params = new URLSearchParams(location.search);
    const code = params.get('oauth_error');
    if (!code) return;
    const name = ({ google: 'Google', microsoft: 'Microsoft', github: 'GitHub' } as Record<string, string>)[params.get('provider') ?? ''] ?? msg('the provider');
    this.error =
      code === 'not_linked'
        ? msg(str`No account is connected to this ${name} account. Sign in with your email and password, then connect it under Connected accounts.`)
        : code === 'access_denied'
          ? msg(str`${name} did not grant access.`)
          : msg(str`Signing in with ${name} did not work. Please try again.`);
    removeQueryParams('oauth_error', 'provider');
  }

  private href(p: Provider) {
    const returnTo = this.returnTo ?? `${location.pathname}${location.search}${location.hash}`;
    return this.api.auth.oauth[':provider'].$url({ param: { provider: p.provider }, query: { returnTo } }).toString();
  }

  private get providers(): Provider[] {
    return this.providerList.status === TaskStatus.ERROR ? [] : (this.providerList.value ?? []);
  }

  override render() {
    const providers = this.providers;
    if (!providers.length && !this.error) return nothing;
    return html`${this.error ? html`<div class="alert error" role="alert" part="error">${this.error}</div>` : nothing}
      ${providers.length
        ? html`<div class="divider">${msg('or')}</div>
            <div class="buttons">
              ${providers.map(
                (p) => html`<a class="button" part="button" href=${this.href(p)}
                  >${msg(str`Continue with ${p.name}`)}${p.sandbox ? html`<span class="badge">${msg('Sandbox')}</span>` : nothing}</a
                >`,
              )}
            </div>`
        : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'oauth-sign-in': OauthSignIn;
  }
}
