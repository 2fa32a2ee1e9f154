import { localized, msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { customElement } from '../internal/define';
import { ApiError, read } from '../api/client';
import type { BillingAnswer } from '../api/types';
import { apiTask, renderTask } from '../internal/api-task';
import { formatDateTime } from '../internal/format';
import { SkElement } from '../internal/sk-element';
import { controls, tokens } from '../internal/theme';
import { billingSummaryStyles } from './billing-summary.styles';

type Billing = Extract<BillingAnswer, { available: true }>;

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

  /** The summary, or null when the server has no billing for this user (`{ available: false }`). */
  private readonly billing = apiTask(this, async (api) => {
    try {
      const answer = await read(api.billing.$get());
      if (answer.available !== false) return answer as Billing;
    } catch (error) {
      // A server from before `{ available: false }` answered 404 billing_unavailable.
      if (!(error instanceof ApiError && error.code === 'billing_unavailable')) throw error;
    }
    return null;
  });

  protected override updated() {
    const unavailable = this.billing.value === null;
    if (unavailable && !this.hidden) this.emit('sk-billing-unavailable');
    this.hidden = unavailable;
  }

  override render() {
    if (this.billing.value === null) return nothing;
    return html`<section class="card" part="card" aria-labelledby="bl-title">
      <h3 id="bl-title">${msg('Subscription')}</h3>
      ${renderTask(this.billing, {
        skeletons: 1,
        complete: (b) =>
          b &&
          html`<dl>
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
              ${b.manageUrl ? html`<a class="button primary" part="manage" href=${b.manageUrl} target="_blank" rel="noopener noreferrer">${msg('Manage billing')}</a>` : nothing}`,
      })}
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
