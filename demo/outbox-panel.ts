import { html, css, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { read } from '../elements/api/client';
import { apiTask, renderTask } from '../elements/internal/api-task';
import { relativeTime } from '../elements/internal/format';
import { SkElement } from '../elements/internal/sk-element';
import { controls, tokens } from '../elements/internal/theme';
import { blockHostStyles } from '../elements/internal/host.styles';

interface Message {
  id: string;
  kind: string;
  to: string;
  subject: string | null;
  body: string;
  createdAt: string;
}

/** The designer's view of every SMS and email the demo "sent": the dev outbox, polled. */
@customElement('outbox-panel')
export class OutboxPanel extends SkElement {
  static override styles = [
    tokens,
    controls,
    blockHostStyles,
    css`
      :host {
        border-inline-start: 1px solid var(--_border);
        background: var(--_surface);
        height: 100vh;
        position: sticky;
        top: 0;
        overflow: auto;
        padding: var(--_space);
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: 10px;
      }
      li {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: 10px 12px;
        background: var(--_bg);
      }
      .meta {
        display: flex;
        gap: 8px;
        align-items: center;
        font-size: 0.85em;
        color: var(--_muted);
      }
      .meta .to {
        flex: 1;
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .meta .when,
      .meta .badge {
        flex: none;
        white-space: nowrap;
      }
      .body {
        white-space: pre-wrap;
        word-break: break-word;
        margin-block-start: 6px;
      }
      .code {
        font-family: ui-monospace, monospace;
        font-size: 1.1em;
        font-weight: 700;
        letter-spacing: 0.1em;
      }
      @media (max-width: 1100px) {
        :host {
          height: auto;
          position: static;
          border-inline-start: none;
          border-block-start: 1px solid var(--_border);
        }
      }
    `,
  ];

  /** Read again every 2 s; the list stays while a new read is under way. */
  private readonly outbox = apiTask(this, async (api) => (await read(api.dev.outbox.$get({ query: {} }))).messages as Message[]);
  #timer?: ReturnType<typeof setInterval>;

  override connectedCallback() {
    super.connectedCallback();
    this.#timer = setInterval(() => void this.outbox.run(), 2000);
    // follow the page's theme
    const settings = document.querySelector('profile-settings');
    if (settings) new MutationObserver(() => (this.theme = (settings.getAttribute('sk-theme') as 'dark' | 'light') ?? undefined)).observe(settings, { attributes: true, attributeFilter: ['sk-theme'] });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.#timer);
  }

  override render() {
    return html`
      <h2>Outbox</h2>
      <p class="muted">Every email and SMS the demo sends lands here instead of a real provider.</p>
      ${renderTask(this.outbox, {
        isEmpty: (messages) => messages.length === 0,
        empty: () => html`<p class="muted">Nothing sent yet.</p>`,
        complete: (messages) => html`<ol aria-live="polite" aria-label="Sent messages">
            ${messages.map(
              (m) => html`<li>
                <div class="meta"><span class="badge accent">${m.kind.toUpperCase()}</span><span class="to" title=${m.to}>to ${m.to}</span><span class="when">${relativeTime(m.createdAt)}</span></div>
                ${m.subject ? html`<strong>${m.subject}</strong>` : nothing}
                <div class="body">${highlightCodes(m.body)}</div>
              </li>`,
            )}
          </ol>`,
      })}
    `;
  }
}

/** Codes (6 digits) in bold monospace so a designer can copy them quickly. */
function highlightCodes(text: string) {
  return text.split(/(\b\d{6}\b)/).map((part, i) => (i % 2 ? html`<span class="code">${part}</span>` : part));
}
