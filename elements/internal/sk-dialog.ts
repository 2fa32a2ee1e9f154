import { css, html, LitElement } from 'lit';
import { customElement } from './define';
import { dialogStyles } from './dialog.styles';

/** The element that had focus, looking into open shadow roots (a button inside an element). */
function deepActive(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

/**
 * A modal dialog (Material's `md-dialog` is the model): `show()` opens it modally and remembers
 * what had focus, `close()` shuts it and puts focus back there. Escape dispatches a cancelable
 * `cancel` on the element; unless a listener prevents it, the dialog closes. `close` follows every
 * closing. The content is slotted, so the host's styles (forms, buttons) apply to it.
 *
 * @slot - The dialog's content (a heading with `id` for `aria-labelledby`, a form…).
 * @csspart dialog - The native `<dialog>`.
 * @fires cancel - Escape was pressed (cancelable: prevent to keep the dialog open).
 * @fires close - The dialog closed.
 */
@customElement('sk-dialog')
export class SkDialog extends LitElement {
  static override styles = [
    css`
      :host {
        display: contents;
      }
    `,
    dialogStyles,
  ];

  // A getter, not @query: the decorator's module is bytes every element with a dialog would carry.
  private get dialog() {
    return this.renderRoot?.querySelector('dialog') as HTMLDialogElement;
  }
  #returnFocus: HTMLElement | null = null;

  /** True while the dialog is open. */
  get open(): boolean {
    return Boolean(this.dialog?.open);
  }

  /** Opens the dialog modally; focus goes to `[autofocus]` or the first control of the content. */
  async show(): Promise<void> {
    await this.updateComplete;
    if (this.dialog.open) return;
    this.#returnFocus = deepActive();
    // aria-labelledby cannot point across the shadow boundary: name the inner dialog by the
    // heading's text instead (the heading lives beside this element, in the host's shadow root).
    const labelId = this.getAttribute('aria-labelledby');
    const heading = labelId ? (this.getRootNode() as ParentNode).querySelector(`#${CSS.escape(labelId)}`) : null;
    this.dialog.setAttribute('aria-label', heading?.textContent?.trim() ?? this.getAttribute('aria-label') ?? '');
    this.dialog.showModal();
    const target = this.querySelector<HTMLElement>('[autofocus]') ?? this.querySelector<HTMLElement>('input, select, textarea, button:not([disabled])');
    target?.focus();
  }

  /** `show()` under the native name, for hosts written against `<dialog>`. */
  showModal(): Promise<void> {
    return this.show();
  }

  /** Closes the dialog and returns focus to where it was when `show()` ran (if it is still there). */
  close(): void {
    if (!this.dialog?.open) return;
    this.dialog.close();
  }

  #onCancel = (e: Event) => {
    e.preventDefault();
    if (this.dispatchEvent(new Event('cancel', { cancelable: true }))) this.close();
  };

  #onClose = () => {
    // The native close event comes a task later: the dialog may have been opened again meanwhile.
    if (this.dialog.open) return;
    const back = this.#returnFocus;
    this.#returnFocus = null;
    if (back?.isConnected) back.focus();
    this.dispatchEvent(new Event('close'));
  };

  override render() {
    return html`<dialog part="dialog" @cancel=${this.#onCancel} @close=${this.#onClose}><slot></slot></dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sk-dialog': SkDialog;
  }
}
