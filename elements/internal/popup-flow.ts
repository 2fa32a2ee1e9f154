import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface PopupFlowOptions<M> {
  /** The window name (one popup per flow: a second click reuses it). */
  name: string;
  features?: string;
  /** The message shape this flow accepts; anything else is ignored. */
  accept: (data: unknown, key: string) => data is M;
  /** The popup posted an accepted message (the flow is over). */
  onMessage: (message: M, key: string) => void;
  /** The user closed the popup without an answer (the flow is over). */
  onClosed?: (key: string) => void;
}

/**
 * A sign-in or registration in a popup that answers with `postMessage`: opened inside the click (so
 * blockers allow it), then pointed at the provider. A message counts only when it comes from the
 * expected origin, from this popup, in the expected shape and for the item being connected (`key`);
 * everything else, a page or another window posting, is ignored. Closing the popup ends the flow.
 * Timers and the listener go away with the host.
 */
export class PopupFlowController<M> implements ReactiveController {
  /** The popup once it points at the provider (messages are accepted from then on). */
  popup: Window | null = null;
  #opened: Window | null = null;
  /** The item (provider, contact id) the open popup is for. */
  key: string | null = null;
  #origin: string | null = null;
  #timer?: ReturnType<typeof setInterval>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: PopupFlowOptions<M>,
  ) {
    host.addController(this);
  }

  /** True once the open popup was sent to the provider (from then on its answer counts). */
  get navigated(): boolean {
    return this.popup !== null && this.#origin !== null;
  }

  /** True while a popup is open for `key` (or for anything). */
  active(key?: string) {
    return this.#opened !== null && (key === undefined || this.key === key);
  }

  hostConnected() {
    window.addEventListener('message', this.#onMessage);
  }

  hostDisconnected() {
    window.removeEventListener('message', this.#onMessage);
    this.#stopWatching();
  }

  /** Opens a blank popup for `key`; call in the click handler. Null when the browser blocked it. */
  open(key: string): Window | null {
    const popup = window.open('about:blank', this.options.name, this.options.features ?? 'popup,width=520,height=680');
    if (!popup) return null;
    this.#opened = popup;
    this.popup = null;
    this.key = key;
    this.#origin = null;
    this.host.requestUpdate();
    return popup;
  }

  /** Points the open popup at `url`; only `origin` may answer. Watches for the user closing it. */
  navigate(url: string, origin: string) {
    const popup = this.#opened;
    if (!popup) return;
    this.#origin = origin;
    this.popup = popup;
    popup.location.href = url;
    this.#stopWatching();
    this.#timer = setInterval(() => {
      if (this.popup !== popup) return this.#stopWatching();
      if (popup.closed) {
        const key = this.key!;
        this.#end();
        this.options.onClosed?.(key);
      }
    }, 500);
  }

  /** Ends the flow and closes the popup (a failed request, a cancel). */
  cancel() {
    this.#opened?.close();
    this.#end();
  }

  #end() {
    this.#stopWatching();
    this.popup = this.#opened = null;
    this.key = null;
    this.#origin = null;
    this.host.requestUpdate();
  }

  #stopWatching() {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #onMessage = (event: MessageEvent) => {
    if (!this.popup || event.source !== this.popup || !this.#origin || event.origin !== this.#origin) return;
    const key = this.key!;
    if (!this.options.accept(event.data, key)) return;
    this.#end();
    this.options.onMessage(event.data, key);
  };
}
