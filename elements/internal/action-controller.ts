import { msg, str } from '@lit/localize';
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { ApiError, errorMessage } from '../api/client';
import type { ErrorCode } from '../api/types';
import { CountdownController } from './countdown-controller';
import { emit } from './events';
import { formatCountdown } from './format';

export interface ActionOptions<T> {
  /** Field names the form shows errors beside; other field errors become the general error. */
  fields?: readonly string[];
  /** Called with the answer when the request succeeded; its string return becomes the success notice. */
  done?: (result: T) => string | void | Promise<string | void>;
  /** Which item (row id) is busy, for rows that each have their own buttons. */
  key?: string;
  /**
   * False when a ReauthenticateController already asked "Confirm it's you" for this request: a
   * `reauthentication_required` that reaches here means the user cancelled, and no event is sent.
   */
  announceReauthentication?: boolean;
}

/**
 * One button's request, the same everywhere: `pending` while it runs (and which row, `key`),
 * the server's field errors, the general error, a success `notice` to show near the button,
 * `account_locked` → a lock countdown, `rate_limited` → a resend countdown, and
 * `reauthentication_required` → an `sk-reauthenticate` event for the page to ask for the password.
 */
export class ActionController implements ReactiveController {
  pending = false;
  key: string | null = null;
  error: string | null = null;
  /** The code of the last error, when it came from the API. */
  code: ErrorCode | string | null = null;
  fieldErrors: Record<string, string> = {};
  notice: string | null = null;
  readonly lock: CountdownController;
  readonly resend: CountdownController;

  constructor(private readonly host: ReactiveControllerHost & EventTarget) {
    host.addController(this);
    this.lock = new CountdownController(host);
    this.resend = new CountdownController(host);
  }

  hostConnected() {}

  /** Clears errors and notice (e.g. when a dialog opens). */
  reset() {
    this.error = null;
    this.code = null;
    this.fieldErrors = {};
    this.notice = null;
    this.host.requestUpdate();
  }

  /** True while this action (for `key`, when given) is running. */
  busy(key?: string) {
    return this.pending && (key === undefined || this.key === key);
  }

  /** Runs `request`; resolves with its answer, or undefined when it failed (the error is kept). */
  async run<T>(request: () => Promise<T>, options: ActionOptions<T> = {}): Promise<T | undefined> {
    if (this.pending) return undefined;
    this.pending = true;
    this.key = options.key ?? null;
    this.error = null;
    this.code = null;
    this.fieldErrors = {};
    this.notice = null;
    this.host.requestUpdate();
    try {
      const result = await request();
      const notice = await options.done?.(result);
      if (typeof notice === 'string') this.notice = notice;
      return result;
    } catch (error) {
      this.fail(error, options.fields, options.announceReauthentication);
      return undefined;
    } finally {
      this.pending = false;
      this.key = null;
      this.host.requestUpdate();
    }
  }

  /** Records a thrown error as this action's (for requests made outside `run`). */
  fail(error: unknown, fields: readonly string[] = [], announceReauthentication = true) {
    this.code = error instanceof ApiError ? error.code : null;
    if (error instanceof ApiError) {
      if (error.code === 'account_locked') this.lock.start(error.retryAfter ?? 60);
      if (error.code === 'rate_limited') this.resend.start(error.retryAfter ?? 30);
      if (error.code === 'reauthentication_required' && announceReauthentication) emit(this.host, 'sk-reauthenticate', { code: 'reauthentication_required' });
      const known = Object.entries(error.fields ?? {}).filter(([k]) => fields.includes(k));
      if (known.length) {
        this.fieldErrors = Object.fromEntries(known);
        return;
      }
    }
    this.error = errorMessage(error);
    this.host.requestUpdate();
  }

  /** The lock alert with its live countdown, or nothing. */
  renderLock() {
    if (!this.lock.running) return nothing;
    return html`<div class="alert error" role="alert" part="lock">${msg(str`Too many failed attempts. Try again in ${formatCountdown(this.lock.remaining)}.`)}</div>`;
  }

  /** The error alert (not field errors), or nothing; the lock alert replaces it while locked. */
  renderError() {
    if (this.lock.running) return this.renderLock();
    return this.error ? html`<div class="alert error" role="alert">${this.error}</div>` : nothing;
  }

  /**
   * The success notice, in a live region that is always there (so screen readers announce it) and
   * placed by the host right beside the action — one feedback pattern for the kit.
   */
  renderNotice() {
    return html`<div role="status" part="notice" class=${this.notice ? 'alert success' : 'sr-only'}>${this.notice ?? ''}</div>`;
  }
}
