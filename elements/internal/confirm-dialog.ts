import { msg } from '@lit/localize';
import { html, type TemplateResult } from 'lit';

/**
 * A modal <dialog> with a title, body and two buttons: shared by every element that asks
 * "are you sure?". `open` resolves to true when confirmed. Focus returns where it was.
 */
export function confirmDialogTemplate(options: {
  id: string;
  title: string;
  body: TemplateResult | string;
  confirmLabel: string;
  danger?: boolean;
  pending?: boolean;
  /** The confirm button waits (e.g. until what the body asks for is typed); unlike `pending`, nothing runs. */
  disabled?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return html`<dialog
    id=${options.id}
    part="dialog"
    aria-labelledby="${options.id}-title"
    @cancel=${(e: Event) => {
      e.preventDefault();
      options.onCancel();
    }}
  >
    <form
      method="dialog"
      class="stack"
      @submit=${(e: Event) => {
        e.preventDefault();
        options.onConfirm();
      }}
    >
      <h2 id="${options.id}-title">${options.title}</h2>
      <div>${options.body}</div>
      ${options.error ? html`<div class="alert error" role="alert">${options.error}</div>` : null}
      <div class="row" style="justify-content:flex-end">
        <button type="button" @click=${options.onCancel}>${msg('Cancel')}</button>
        <button type="submit" class=${options.danger ? 'danger solid' : 'primary'} ?disabled=${options.pending || options.disabled}>${options.confirmLabel}</button>
      </div>
    </form>
  </dialog>`;
}

/**
 * Opens the dialog `#id` of a render root as a modal (once; a second call leaves it open) and moves
 * focus to `focus` inside it, if given. Closing it returns focus to where it was: the platform does
 * that for a modal <dialog>, so no host keeps its own "return focus" element.
 */
export function showConfirmDialog(root: ParentNode, id: string, focus?: string): HTMLDialogElement | null {
  const dialog = root.querySelector<HTMLDialogElement>(`dialog#${id}`);
  if (!dialog) return null;
  if (!dialog.open) dialog.showModal();
  if (focus) dialog.querySelector<HTMLElement>(focus)?.focus();
  return dialog;
}

/** Closes the dialog `#id` of a render root, or whichever of its dialogs is open. */
export function closeConfirmDialog(root: ParentNode, id?: string): void {
  root.querySelector<HTMLDialogElement>(id ? `dialog#${id}` : 'dialog[open]')?.close();
}
