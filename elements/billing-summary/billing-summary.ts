import { localized, msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { customElement } from '../internal/define';
import { ApiError, errorMessage, read } from '../api/client';
import { formatDateTime } from '../internal/format';
import { SkElement } from '../internal/sk-element';
import { controls, tokens } from '../internal/theme';
import { billingSummaryStyles } from './billing-summary.styles';

interface Billing {
  plan: { name: string; price: string | null; interval: 'month' | 'year' | null; status: 'active' | 'trialing' | 'past_due' | 'canceled' | null };
  paymentMethod: { brand: string; last4: string; expMonth: number | null; expYear: number | null } | null;
  nextRenewal: string | null;
  manageUrl: string | null;
}

const BRANDS: Record<string, string> = { visa: 'Visa', mastercard: 'Mastercard', amex: 'American Express', discover: 'Discover', diners: 'Diners Club', jcb: 'JCB', unionpay: 'UnionPay' };

/**
 * Seed 001 "Billing": the current plan, the card on file (brand and last 4) and the next renewal
 * in the user's date format, with a "Manage billing" link to the host's billing page. When the
 * server has no billing (`billing_unavailable`), it hides itself and tells the page, which hides
 * the Billing tab.
 *
 * @fires sk-billing-unavailable - The server has no billing for this user; the element is hidden.
 * @csspart card - The card.
 * @csspart manage - The "Manage billing" link.
 */
@localized()
@customElement('billing-summary')
export class BillingSummary extends SkElement {
  static override styles = [tokens, controls, billingSummaryStyles];

  @state() private billing: Billing | null = null;
  @state() private loadError: string | null = null;
  /** The server offers no billing: nothing renders, and the host element hides itself. */
  @state() private unavailable = false;

  protected override apiChanged() {
    void this.load();
  }

  private async load() {
    this.loadError = null;
    try {
      this.billing = (await read(this.api.billing.$get())) as Billing;
      this.unavailable = this.hidden = false;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'billing_unavailable') {
        this.unavailable = this.hidden = true;
        this.emit('sk-billing-unavailable');
        return;
      }
      this.loadError = errorMessage(error);
    }
  }

  override render() {
    if (this.unavailable) return nothing;
    const b = this.billing;
    return html`<section class="card" part="card" aria-labelledby="bl-title">
      <h3 id="bl-title">${msg('Subscription')}</h3>
      ${this.loadError
        ? html`<div class="alert error" role="alert">${this.loadError} <button class="link" @click=${() => this.load()}>${msg('Try again')}</button></div>`
        : !b
          ? html`<p class="muted" role="status">${msg('Loading…')}</p>`
          : html`<dl>
                <dt>${msg('Current plan')}</dt>
                <dd>
                  ${b.plan.name}${b.plan.price ? html` <span class="muted">· ${b.plan.price}${b.plan.interval === 'year' ? msg(' / year') : b.plan.interval === 'month' ? msg(' / month') : ''}</span>` : nothing}
                  ${this.statusBadge(b.plan.status)}
                </dd>
                <dt>${msg('Payment method')}</dt>
                <dd>
                  ${b.paymentMethod
                    ? html`<span class="card-number">${BRANDS[b.paymentMethod.brand.toLowerCase()] ?? b.paymentMethod.brand} ${msg(str`ending in ${b.paymentMethod.last4}`)}</span>
                        ${b.paymentMethod.expMonth && b.paymentMethod.expYear
                          ? html`<span class="muted">· ${msg(str`expires ${String(b.paymentMethod.expMonth).padStart(2, '0')}/${b.paymentMethod.expYear}`)}</span>`
                          : nothing}`
                    : html`<span class="muted">${msg('No card on file')}</span>`}
                </dd>
                <dt>${msg('Next renewal')}</dt>
                <dd>${b.nextRenewal ? html`<time datetime=${b.nextRenewal}>${formatDateTime(b.nextRenewal, this.preferences, false)}</time>` : html`<span class="muted">${msg('Does not renew')}</span>`}</dd>
              </dl>
              ${b.manageUrl ? html`<a class="button primary" part="manage" href=${b.manageUrl} target="_blank" rel="noopener noreferrer">${msg('Manage billing')}</a>` : nothing}`}
    </section>`;
  }

  private statusBadge(status: Billing['plan']['status']) {
    if (!status || status === 'active') return nothing;
    const label = status === 'trialing' ? msg('Trial') : status === 'past_due' ? msg('Payment due') : msg('Canceled');
    return html`<span class="badge ${status === 'trialing' ? 'accent' : 'danger'}">${label}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'billing-summary': BillingSummary;
  }
}
