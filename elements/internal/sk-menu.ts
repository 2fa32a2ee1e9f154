import { css, html, LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { customElement } from './define';

/**
 * A "⋯" button that opens a menu of actions (the WAI-ARIA menu button pattern). The items are the
 * host's own buttons, slotted, so its styles and listeners apply to them and they keep their
 * `data-*` attributes; this element gives them `role="menuitem"`. Arrow keys, Home and End move
 * between the enabled items, Escape closes and puts focus back on the "⋯" button, Tab and a click
 * outside close it, choosing an item closes it. Focusing the element focuses its button, so a
 * dialog opened from an item can give focus back to the menu.
 *
 * @slot - The menu's items: `<button>` elements.
 * @csspart trigger - The "⋯" button.
 * @csspart menu - The pop-up list.
 */
@customElement('sk-menu')
export class SkMenu extends LitElement {
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override styles = css`
    :host {
      position: relative;
      display: inline-block;
    }
    .trigger {
      font: inherit;
      font-size: 1.2em;
      line-height: 1;
      min-width: 36px;
      min-height: 36px;
      border-radius: calc(var(--_radius, 8px) * 0.75);
      border: 1px solid transparent;
      background: none;
      color: var(--_muted);
      cursor: pointer;
    }
    .trigger:hover:not(:disabled),
    .trigger[aria-expanded='true'] {
      background: var(--_surface-2);
      color: var(--_text);
    }
    .trigger:focus-visible {
      outline: 2px solid var(--_focus);
      outline-offset: 2px;
    }
    .trigger:disabled {
      opacity: 0.6;
      cursor: not-allowed;
    }
    [role='menu'] {
      position: absolute;
      inset-inline-end: 0;
      inset-block-start: calc(100% + 4px);
      z-index: 10;
      min-width: 11rem;
      display: flex;
      flex-direction: column;
      padding: 4px;
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius, 8px);
      box-shadow: 0 8px 24px rgb(0 0 0 / 16%);
    }
    /* Flipped when the end-aligned menu would leave the screen (the button sits at the start of a narrow row). */
    [role='menu'].flip {
      inset-inline-end: auto;
      inset-inline-start: 0;
    }
    [role='menu'][hidden] {
      display: none;
    }
    ::slotted(button) {
      justify-content: flex-start !important;
      width: 100%;
      border-color: transparent !important;
      background: none !important;
      text-align: start;
      font-weight: 500 !important;
    }
    ::slotted(button:hover:not(:disabled)),
    ::slotted(button:focus-visible) {
      background: var(--_surface-2) !important;
    }
  `;

  /** The accessible name of the "⋯" button, e.g. "More actions for +1 415 555 0111". */
  @property() label = '';
  /** Disables the "⋯" button (while the row's request runs). */
  @property({ type: Boolean }) disabled = false;
  @state() private open = false;

  private get trigger() {
    return this.renderRoot.querySelector('button') as HTMLButtonElement;
  }

  /** The enabled items, in order. */
  private get items(): HTMLButtonElement[] {
    return [...this.querySelectorAll<HTMLButtonElement>(':scope > button')].filter((b) => !b.disabled && !b.hidden);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('pointerdown', this.#onOutside, true);
  }

  /** Opens the menu and focuses its first (or last) item. */
  async show(focus: 'first' | 'last' = 'first') {
    if (this.disabled) return;
    this.open = true;
    document.addEventListener('pointerdown', this.#onOutside, true);
    await this.updateComplete;
    const menu = this.renderRoot.querySelector('[role=menu]') as HTMLElement;
    menu.classList.remove('flip');
    const box = menu.getBoundingClientRect();
    if (box.left < 0 || box.right > document.documentElement.clientWidth) menu.classList.add('flip');
    const items = this.items;
    (focus === 'first' ? items[0] : items[items.length - 1])?.focus();
  }

  /** Closes the menu; `returnFocus` puts focus back on the "⋯" button. */
  hide(returnFocus = false) {
    if (!this.open) return;
    this.open = false;
    document.removeEventListener('pointerdown', this.#onOutside, true);
    if (returnFocus) this.trigger.focus();
  }

  #onOutside = (e: Event) => {
    if (!e.composedPath().includes(this)) this.hide();
  };

  #onTriggerKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      void this.show(e.key === 'ArrowDown' ? 'first' : 'last');
    }
  };

  #onMenuKey = (e: KeyboardEvent) => {
    const items = this.items;
    const at = items.indexOf(e.target as HTMLButtonElement);
    const move: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 };
    if (e.key in move) {
      e.preventDefault();
      items[(move[e.key]! + items.length) % items.length]?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.hide(true);
    } else if (e.key === 'Tab') {
      this.hide();
    }
  };

  // Choosing an item closes the menu and puts focus on the "⋯" button before the item's own click
  // listener (in the host) runs: captured first, so a dialog it opens gives focus back there.
  #onItemClick = {
    capture: true,
    handleEvent: (e: Event) => {
      if ((e.target as Element).closest('button')) this.hide(true);
    },
  };

  #onSlotChange = (e: Event) => {
    for (const item of (e.target as HTMLSlotElement).assignedElements()) {
      item.setAttribute('role', 'menuitem');
      item.setAttribute('tabindex', '-1');
    }
  };

  override render() {
    return html`<button
        type="button"
        class="trigger"
        part="trigger"
        aria-haspopup="menu"
        aria-controls="menu"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-label=${this.label}
        ?disabled=${this.disabled}
        @click=${() => (this.open ? this.hide() : void this.show())}
        @keydown=${this.#onTriggerKey}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      <div id="menu" role="menu" part="menu" aria-label=${this.label} ?hidden=${!this.open} @keydown=${this.#onMenuKey} @click=${this.#onItemClick}>
        <slot @slotchange=${this.#onSlotChange}></slot>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sk-menu': SkMenu;
  }
}
