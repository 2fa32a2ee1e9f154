import { localized, msg } from '@lit/localize';
import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { read } from '../api/client';
import { ActionController } from '../internal/action-controller';
import { customElement } from '../internal/define';
import { SkElement } from '../internal/sk-element';
import { controls, tokens } from '../internal/theme';
import { avatarPickerStyles } from './avatar-picker.styles';
import { spinnerStyles } from './profile-form.styles';

/** The same limit as the server (API.md "Profile"): at most 2 MiB. */
export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;

/** JPEG, PNG, GIF or WebP by the first bytes, as the server decides (names and declared types lie). */
export async function sniffImage(file: Blob): Promise<string | null> {
  const b = new Uint8Array(await file.slice(0, 12).arrayBuffer());
  const at = (sig: number[], offset = 0) => sig.every((x, i) => b[offset + i] === x);
  const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
  if (at([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (at([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (at(ascii('GIF87a')) || at(ascii('GIF89a'))) return 'image/gif';
  if (at(ascii('RIFF')) && at(ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

/**
 * The profile photo: the picture (or initials), a camera button to choose a file, a client-side
 * check of type and size, a preview until "Upload photo" (or the form's Save) sends it, and
 * "Remove photo". Removal acts at once and offers "Undo", which uploads the same picture again:
 * the server stays the truth for every other tab, and nobody has to confirm a step they can take back.
 * The undo stays until the next photo action rather than for a few timed seconds, so keyboard and
 * screen-reader users have the time they need (WCAG 2.2.1).
 *
 * @fires sk-avatar-changed - `{ avatarUrl }` after an upload (a URL) or removal (null).
 * @fires sk-draft-changed - `{ dirty }` when a chosen photo starts or stops waiting for upload.
 * @csspart avatar - The avatar picture.
 * @cssproperty --sk-accent - Colour of the camera button.
 */
@localized()
@customElement('sk-avatar-picker')
export class SkAvatarPicker extends SkElement {
  static override styles = [tokens, controls, spinnerStyles, avatarPickerStyles];

  /** The saved photo (`avatars/<id>` relative to the API, or any URL), or null. */
  @property({ attribute: 'avatar-url' }) avatarUrl: string | null = null;
  /** Whose initials show without a photo. */
  @property() name = '';

  @state() private preview: { file: File; url: string } | null = null;
  /** What happened last; kept apart from `photo` so "Photo removed. Undo" stays while an undo fails and is tried again. */
  @state() private notice: string | null = null;
  /** The picture just removed, kept so "Undo" can put it back. */
  @state() private removed: Blob | null = null;
  /** Upload, removal and undo (its `key`), one at a time, with the reason when one fails. */
  private readonly photo = new ActionController(this);
  @query('input[type=file]') private fileInput!: HTMLInputElement;

  /** True while a chosen photo waits for upload. */
  get pending(): boolean {
    return this.preview !== null;
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    if (this.preview) URL.revokeObjectURL(this.preview.url);
  }

  override render() {
    const src = this.preview?.url ?? (this.avatarUrl ? this.avatarSrc(this.avatarUrl) : null);
    const alt = this.preview ? msg('Preview of your new photo') : msg('Your photo');
    const busy = this.photo.pending;
    return html`<div class="avatar-row">
      <div class="avatar ${busy ? 'uploading' : ''}" part="avatar">
        <div class="picture">${src ? html`<img src=${src} alt=${alt} />` : html`<span aria-hidden="true">${initials(this.name)}</span>`}</div>
        <button type="button" class="camera" aria-label=${msg('Choose a new photo')} title=${msg('Choose a new photo')} ?disabled=${busy} @click=${() => this.fileInput.click()}>
          <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">
            <path d="M23 19a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h4l2-3h6l2 3h4a2 2 0 0 1 2 2z" />
            <circle cx="12" cy="13" r="4" />
          </svg>
        </button>
        <input type="file" accept="image/jpeg,image/png,image/gif,image/webp" tabindex="-1" aria-hidden="true" @change=${this.onFile} />
      </div>
      <div class="avatar-actions">
        <strong>${msg('Profile photo')}</strong>
        <span class="muted" id="avatar-hint">${msg('JPEG, PNG, GIF or WebP, at most 2 MiB.')}</span>
        ${this.renderButtons()}
        ${this.photo.error ? html`<div class="field-error" role="alert">${this.photo.error}</div>` : nothing}
        <div role="status" class=${this.notice ? 'notice' : 'sr-only'}>
          ${this.notice ?? ''}
          ${this.removed && this.notice
            ? html`<button type="button" class="link" ?disabled=${busy} @click=${this.undoRemove}>${msg('Undo')}</button>`
            : nothing}
        </div>
      </div>
    </div>`;
  }

  private renderButtons() {
    const busy = this.photo.pending;
    if (this.preview)
      return html`<div class="row">
        <button type="button" class="primary" ?disabled=${busy} @click=${() => this.upload()}>
          ${this.photo.busy('upload') ? html`<span class="spinner" aria-hidden="true"></span>${msg('Uploading…')}` : msg('Upload photo')}
        </button>
        <button type="button" ?disabled=${busy} @click=${() => this.discard()}>${msg('Cancel')}</button>
      </div>`;
    if (this.avatarUrl)
      return html`<div class="row"><button type="button" class="link" ?disabled=${busy} @click=${this.removePhoto}>${msg('Remove photo')}</button></div>`;
    return nothing;
  }

  /** `avatars/<id>` is relative to the API; the client knows where that is. */
  private avatarSrc(url: string) {
    if (/^(https?:|data:|blob:|\/)/.test(url)) return url;
    const id = url.replace(/^avatars\//, '');
    return this.api.avatars[':id'].$url({ param: { id } }).href;
  }

  private async onFile(event: Event) {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) await this.choosePhoto(file);
  }

  /** Checks a photo like the server will, and shows it as a preview until it is uploaded or dropped. */
  async choosePhoto(file: File) {
    this.photo.reset();
    this.notice = null;
    this.removed = null;
    if (file.size > AVATAR_MAX_BYTES) return this.refuse(msg('This image is larger than 2 MiB. Choose a smaller one.'));
    if (!(await sniffImage(file))) return this.refuse(msg('This file is not a JPEG, PNG, GIF or WebP image.'));
    this.setPreview({ file, url: URL.createObjectURL(file) });
  }

  /** Drops the chosen photo (the saved one shows again). */
  discard() {
    this.setPreview(null);
  }

  private setPreview(preview: { file: File; url: string } | null) {
    if (this.preview) URL.revokeObjectURL(this.preview.url);
    const was = this.pending;
    this.preview = preview;
    if (was !== this.pending) this.emit('sk-draft-changed', { dirty: this.pending });
  }

  /** A photo the server would refuse, said before sending it. */
  private refuse(reason: string) {
    this.photo.error = reason;
    this.requestUpdate();
  }

  /** Uploads the chosen photo (multipart, field `avatar`); true when it is saved or there was none. */
  async upload(): Promise<boolean> {
    if (!this.preview) return true;
    const { file } = this.preview;
    const ok = await this.put(file, file.name || 'avatar', 'upload');
    if (ok) {
      this.setPreview(null);
      this.notice = msg('Photo updated.');
    }
    return ok;
  }

  /** False when it failed (the reason shows) or another photo action was still running. */
  private async put(image: Blob, name: string, key: 'upload' | 'undo'): Promise<boolean> {
    const form = new FormData();
    form.append('avatar', image, name);
    const answer = await this.photo.run(() => read(this.api.profile.avatar.$put(undefined, { init: { body: form, credentials: 'include' } })), {
      key,
      done: ({ avatarUrl }) => this.changed(avatarUrl),
    });
    return answer !== undefined;
  }

  private removePhoto = async () => {
    this.notice = null;
    await this.photo.run(
      async () => {
        // Keep the picture's bytes first so "Undo" can upload it again; without them there is no undo.
        const copy = await this.copyOfCurrent();
        await read(this.api.profile.avatar.$delete());
        return copy;
      },
      {
        key: 'remove',
        done: (copy) => {
          this.removed = copy;
          this.notice = msg('Photo removed.');
          this.changed(null);
        },
      },
    );
  };

  private async copyOfCurrent(): Promise<Blob | null> {
    if (!this.avatarUrl) return null;
    try {
      const answer = await fetch(this.avatarSrc(this.avatarUrl), { credentials: 'include' });
      return answer.ok ? await answer.blob() : null;
    } catch {
      return null;
    }
  }

  private undoRemove = async () => {
    const image = this.removed;
    if (!image) return;
    if (await this.put(image, 'avatar', 'undo')) {
      this.removed = null;
      this.notice = msg('Photo restored.');
    }
  };

  private changed(avatarUrl: string | null) {
    this.avatarUrl = avatarUrl;
    this.emit('sk-avatar-changed', { avatarUrl });
    void this.settings?.refresh();
  }
}

const initials = (name: string) =>
  name
    .split(/[\s@.]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((s) => [...s][0]!.toUpperCase())
    .join('');

declare global {
  interface HTMLElementTagNameMap {
    'sk-avatar-picker': SkAvatarPicker;
  }
}
