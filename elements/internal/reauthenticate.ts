import { msg } from '@lit/localize';
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { ApiError } from '../api/client';
import { emit } from './events';
import type { SkDialog } from './sk-dialog';
import './sk-dialog';

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: ParentNode; updateComplete: Promise<boolean> };

/** Every controller showing "Confirm it's you" right now. */
const waiting = new Set<ReauthenticateController>();

/** True when `node` is `scope` or inside it, looking through shadow roots. */
function within(scope: Node, node: Node): boolean {
  for (let n: Node | null = node; n; n = n.parentNode ?? (n instanceof ShadowRoot ? n.host : null)) if (n === scope) return true;
  return false;
}

/**
 * The host re-authenticated its user: every "Confirm it's you" inside `scope` (all of them when
 * omitted) retries its request. `<profile-settings>`'s `reauthenticated()` calls this for itself.
 */
export function reauthenticated(scope?: Node): void {
  for (const controller of [...waiting]) if (!scope || within(scope, controller.host)) controller.confirmed();
}

// `sk-reauthenticated` dispatched anywhere (bubbling and composed, or on window) answers too.
globalThis.addEventListener?.('sk-reauthenticated', (event) => reauthenticated(event.target instanceof Node ? event.target : undefined));

const isReauthRequired = (error: unknown) => error instanceof ApiError && error.code === 'reauthentication_required';

/**
 * "Confirm it's you" for a request that answered `401 reauthentication_required` (a host user whose
 * `reauthenticatedAt` is too old; API.md "Host identity"). `run(request)` sends the request; on that
 * answer it opens a `<sk-dialog>` whose "Confirm it's you" button dispatches `sk-reauthenticate`
 * (cancelable, composed, inside the user's click so the host may open a popup or navigate). The host
 * re-authenticates its user, updates what its `identify` returns as `reauthenticatedAt`, and answers by
 * calling `profileSettings.reauthenticated()` (or `reauthenticated()` of this module), or by dispatching
 * `sk-reauthenticated` (`bubbles: true, composed: true`) on the element or `window`. The request is
 * then sent once more; its answer, whatever it is, is the result.
 *
 * A host that calls `preventDefault()` on `sk-reauthenticate` says it is handling it: the dialog
 * waits for its answer. Unprevented (no host listening), the dialog asks the user to sign in again
 * themselves and offers "Try again". Cancel or Escape rejects `run` with the original `ApiError`.
 * Kit users never get this answer (they confirm with their password), so for them `run` is the request.
 */
export class ReauthenticateController implements ReactiveController {
  /** `asking`: the dialog is open; `waiting`: the host said it handles it; `unanswered`: nobody did. */
  stage: 'idle' | 'asking' | 'waiting' | 'unanswered' = 'idle';
  #settle: { resolve: () => void; reject: () => void } | null = null;
  #onAnswer = (event: Event) => {
    event.stopPropagation();
    this.confirmed();
  };

  constructor(readonly host: Host) {
    host.addController(this);
  }

  hostDisconnected() {
    this.#finish(false);
  }

  /** Sends `request`; after `reauthentication_required`, confirms it is the user and sends it once more. */
  async run<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (!isReauthRequired(error)) throw error;
      await this.#ask(error);
      return await request();
    }
  }

  #ask(error: unknown): Promise<void> {
    this.#finish(false);
    return new Promise<void>((resolve, reject) => {
      this.#settle = { resolve, reject: () => reject(error) };
      this.stage = 'asking';
      waiting.add(this);
      this.host.addEventListener('sk-reauthenticated', this.#onAnswer);
      this.host.requestUpdate();
      void this.host.updateComplete.then(() => this.#dialog()?.show());
    });
  }

  /** The host's answer: re-authenticated, retry now (no-op when nothing is waiting). */
  confirmed(): void {
    this.#finish(true);
  }

  /** The user gave up: the request fails with its `reauthentication_required` error. */
  cancel(): void {
    this.#finish(false);
  }

  #finish(ok: boolean) {
    const settle = this.#settle;
    if (!settle) return;
    this.#settle = null;
    this.stage = 'idle';
    waiting.delete(this);
    this.host.removeEventListener('sk-reauthenticated', this.#onAnswer);
    this.#dialog()?.close();
    this.host.requestUpdate();
    if (ok) settle.resolve();
    else settle.reject();
  }

  #dialog() {
    return this.host.renderRoot.querySelector<SkDialog>('sk-dialog.sk-reauthenticate');
  }

  #confirm = () => {
    const handled = !emit(this.host, 'sk-reauthenticate', { code: 'reauthentication_required' });
    // The host may have answered synchronously inside its listener.
    if (!this.#settle) return;
    this.stage = handled ? 'waiting' : 'unanswered';
    this.host.requestUpdate();
  };

  /** The dialog; place it once in the element's template (nothing while no request waits). */
  render() {
    const stage = this.stage;
    if (stage === 'idle') return nothing;
    const body =
      stage === 'waiting'
        ? msg('Waiting for you to confirm it is you. Finish signing in, then this change goes ahead.')
        : stage === 'unanswered'
          ? msg('Sign in again in this app, then choose Try again.')
          : msg('For your security, confirm it is you before making this change. You may be asked to sign in again.');
    return html`<sk-dialog class="sk-reauthenticate" aria-labelledby="sk-reauth-title" @close=${() => this.cancel()}>
      <div class="stack">
        <h2 id="sk-reauth-title">${msg("Confirm it's you")}</h2>
        <p role=${stage === 'asking' ? 'none' : 'status'}>${body}</p>
        <div class="row" style="justify-content:flex-end">
          <button type="button" @click=${() => this.cancel()}>${msg('Cancel')}</button>
          ${stage === 'asking'
            ? html`<button type="button" class="primary" autofocus @click=${this.#confirm}>${msg("Confirm it's you")}</button>`
            : html`<button type="button" class="primary" @click=${() => this.confirmed()}>${msg('Try again')}</button>`}
        </div>
      </div>
    </sk-dialog>`;
  }
}
