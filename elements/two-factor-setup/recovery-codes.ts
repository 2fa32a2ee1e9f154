import { msg } from '@lit/localize';
import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';

/** What the recovery codes screen needs from `<two-factor-setup>`. */
export interface RecoveryCodesView {
  codes: string[];
  saved: boolean;
  copied: boolean;
  onCopy: () => void;
  onDownload: () => void;
  onPrint: () => void;
  onSavedChange: (saved: boolean) => void;
  onDone: () => void;
}

/**
 * "Save your recovery codes": the codes, copy / download / print, and "I have saved these codes"
 * before Done (they are shown only once).
 */
export function recoveryCodesTemplate(v: RecoveryCodesView) {
  return html`<div class="stack">
    <h4 tabindex="-1" class="step-title">${msg('Save your recovery codes')}</h4>
    <p>${msg('If you lose your phone, each of these codes lets you sign in once. They are shown only now: keep them somewhere safe, like a password manager.')}</p>
    <ol part="codes" class="codes" aria-label=${msg('Recovery codes')}>
      ${v.codes.map((c) => html`<li><code>${c}</code></li>`)}
    </ol>
    <div class="row">
      <button type="button" @click=${v.onCopy}>${v.copied ? msg('Copied') : msg('Copy')}</button>
      <button type="button" @click=${v.onDownload}>${msg('Download .txt')}</button>
      <button type="button" @click=${v.onPrint}>${msg('Print')}</button>
    </div>
    <label class="check">
      <input type="checkbox" name="saved" .checked=${v.saved} @change=${(e: Event) => v.onSavedChange((e.target as HTMLInputElement).checked)} />
      ${msg('I have saved these codes')}
    </label>
    <div class="row">
      <button type="button" class="primary" ?disabled=${!v.saved} @click=${v.onDone}>${msg('Done')}</button>
    </div>
  </div>`;
}

/** The text of the download and the printout: a title with the account, the codes, the date. */
export function recoveryCodesText(codes: string[], email?: string) {
  return [
    msg('Recovery codes') + (email ? ` — ${email}` : ''),
    msg('Each code works once. Keep them somewhere safe.'),
    '',
    ...codes,
    '',
    new Date().toISOString().slice(0, 10),
  ].join('\n');
}

/** Saves `text` as recovery-codes.txt (the link lives in `root` for the click only). */
export function downloadRecoveryCodes(root: ParentNode & Node, text: string) {
  const url = URL.createObjectURL(new Blob([text + '\n'], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'recovery-codes.txt';
  a.rel = 'noopener';
  a.style.display = 'none';
  root.appendChild(a);
  a.click();
  a.remove();
  // The browser has taken the blob by then; revoking at once can cancel the download in some.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Prints `text` alone, from a hidden frame, so the page around the element stays out of the printout. */
export function printRecoveryCodes(text: string, print: (w: Window) => void) {
  const frame = document.createElement('iframe');
  frame.setAttribute('aria-hidden', 'true');
  frame.style.cssText = 'position:fixed;width:0;height:0;border:0;left:-9999px'; // rtl-ok: off-screen print frame
  document.body.appendChild(frame);
  const doc = frame.contentDocument!;
  const pre = doc.createElement('pre');
  pre.style.cssText = 'font:16px/1.8 ui-monospace,monospace';
  pre.textContent = text;
  doc.body.appendChild(pre);
  frame.contentWindow!.focus();
  print(frame.contentWindow!);
  setTimeout(() => frame.remove(), 1000);
}

/** Copies `text`; false when the page may not write to the clipboard. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export type CodesReason = 'totp' | 'sms' | 'regenerate';

/** The recovery codes screen's state and its copy, download and print. */
export class RecoveryCodesController implements ReactiveController {
  codes: string[] = [];
  saved = false;
  copied = false;
  /** After which setup the codes are shown (decides the event on "Done"). */
  reason: CodesReason = 'totp';

  constructor(
    private readonly host: ReactiveControllerHost & { renderRoot: ParentNode & Node },
    private readonly options: {
      email: () => string | undefined;
      /** Tells screen-reader users what happened (the host's live region). */
      announce: (text: string) => void;
      print: (w: Window) => void;
      done: (reason: CodesReason) => void;
    },
  ) {
    host.addController(this);
  }

  hostConnected() {}

  show(codes: string[], reason: CodesReason) {
    this.codes = codes;
    this.reason = reason;
    this.saved = false;
    this.host.requestUpdate();
  }

  /** Forgets the codes once the screen is left: they are shown only once. */
  clear() {
    this.codes = [];
  }

  private text() {
    return recoveryCodesText(this.codes, this.options.email());
  }

  private copy = async () => {
    if (!(await copyText(this.codes.join('\n')))) return this.options.announce(msg('Copying is not allowed here. Select the text and copy it yourself.'));
    this.copied = true;
    this.options.announce(msg('Recovery codes copied.'));
    setTimeout(() => ((this.copied = false), this.host.requestUpdate()), 2000);
  };

  render() {
    return recoveryCodesTemplate({
      codes: this.codes,
      saved: this.saved,
      copied: this.copied,
      onCopy: this.copy,
      onDownload: () => {
        downloadRecoveryCodes(this.host.renderRoot, this.text());
        this.options.announce(msg('Downloaded recovery-codes.txt.'));
      },
      onPrint: () => printRecoveryCodes(this.text(), this.options.print),
      onSavedChange: (saved) => ((this.saved = saved), this.host.requestUpdate()),
      onDone: () => this.options.done(this.reason),
    });
  }
}
