import { read } from '../api/client';
import type { SkElement } from '../internal/sk-element';
import { passkeyCancelled, passkeysSupported } from '../user-passkeys/webauthn';

/**
 * Passkey autofill for `<sign-in-form>` (conditional mediation): when
 * `PublicKeyCredential.isConditionalMediationAvailable()` resolves true, a background
 * `startAuthentication({ useBrowserAutofill: true })` offers this site's passkeys in the email
 * field's autofill (`autocomplete="username webauthn"`); picking one hands the assertion to
 * `onResponse`. `stop()` aborts the request (password submitted, "Sign in with a passkey" clicked,
 * element disconnected); it starts again only after `reset()` (the password step left and shown again).
 */
export class PasskeyAutofill {
  #run: { stopped: boolean; cancel?: () => void } | null = null;
  /** Started once for this showing of the password step (also when unavailable or failed). */
  #tried = false;

  constructor(
    private readonly host: SkElement,
    private readonly onResponse: (response: unknown) => Promise<void>,
  ) {}

  /** True while a conditional request is waiting for the user. */
  get running() {
    return this.#run !== null && !this.#run.stopped;
  }

  start() {
    if (this.#tried || !passkeysSupported()) return;
    this.#tried = true;
    const run: { stopped: boolean; cancel?: () => void } = { stopped: false };
    this.#run = run;
    void this.#go(run);
  }

  async #go(run: { stopped: boolean; cancel?: () => void }) {
    try {
      const available = await PublicKeyCredential.isConditionalMediationAvailable?.();
      if (!available || run.stopped) return;
      const optionsJSON = await read(this.host.api.auth.passkey.options.$post());
      const { startAuthentication, WebAuthnAbortService } = await import('@simplewebauthn/browser');
      if (run.stopped) return;
      run.cancel = () => WebAuthnAbortService.cancelCeremony();
      // The email field is in a shadow root, out of the library's document-wide input check.
      const response = await startAuthentication({ optionsJSON: optionsJSON as never, useBrowserAutofill: true, verifyBrowserAutofillInput: false });
      run.cancel = undefined;
      if (!run.stopped) await this.onResponse(response);
    } catch (error) {
      // Aborted, dismissed, or no autofill after all: the password and the passkey button remain.
      if (!passkeyCancelled(error) && !run.stopped) console.warn('settings-kit: passkey autofill', error);
    } finally {
      if (this.#run === run) this.#run = null;
    }
  }

  /** Aborts the waiting request, if any. */
  stop() {
    const run = this.#run;
    if (!run) return;
    run.stopped = true;
    run.cancel?.();
    this.#run = null;
  }

  /** Stops, and lets the next `start()` run again. */
  reset() {
    this.stop();
    this.#tried = false;
  }
}
