import type { ActivityRow, AdminProfileType, AdminUser, Contact, ProfileEntry } from '../api/types';
import type { SignedInUser } from './context';

/**
 * The detail of every `sk-*` event the elements dispatch. `SkElement.emit()` is typed against this
 * map, and the global `HTMLElementEventMap` below lets hosts write
 * `el.addEventListener('sk-contacts-changed', (e) => e.detail.contacts)` with no cast.
 * `undefined` means the event carries no detail.
 */
export interface SkEventDetails {
  'sk-signed-in': { user: SignedInUser | unknown };
  'sk-signed-out': undefined;
  'sk-unauthenticated': { reason: string };
  'sk-reauthenticate': { code: 'reauthentication_required' };
  /** The host's answer to `sk-reauthenticate`: its user re-authenticated, retry (internal/reauthenticate.ts). */
  'sk-reauthenticated': undefined;
  'sk-privacy-changed': { analytics: boolean };
  'sk-data-exported': undefined;
  'sk-account-deleted': undefined;
  'sk-account-policy-saved': { policy: object };
  'sk-password-reset': undefined;
  'sk-back-to-sign-in': { email: string };
  'sk-password-changed': undefined;
  'sk-tab-change': { tab: string };
  'sk-user-updated': { user: AdminUser };
  'sk-trusted-device-revoked': { all: true } | { id: string };
  'sk-two-factor-enabled': { method: string };
  'sk-two-factor-disabled': { method: string | undefined };
  'sk-email-change-requested': { pendingEmail: string };
  'sk-email-change-cancelled': undefined;
  'sk-account-connected': { provider: string };
  'sk-account-disconnected': { provider: string };
  'sk-billing-unavailable': undefined;
  'sk-preferences-changed': { preferences: object };
  'sk-profile-saved': { profile: object };
  'sk-profile-created': { profile: ProfileEntry };
  'sk-first-profile-created': { profile: ProfileEntry };
  'sk-profile-switched': { profile: ProfileEntry | null };
  'sk-profile-deleted': { id: string };
  'sk-profile-types-changed': { types: AdminProfileType[] };
  'sk-avatar-changed': { avatarUrl: string | null };
  'sk-contacts-changed': { contacts: Contact[] };
  'sk-passkey-added': { passkey: object };
  'sk-passkey-removed': { id: string };
  'sk-account-confirmed': { what: 'email' | 'phone' };
  'sk-session-revoked': { id: string } | { others: true; count: number };
  'sk-notifications-changed': { settings: Record<string, boolean> };
  'sk-activity-loaded': { items: ActivityRow[] };
  'sk-two-factor-code': { method: 'totp' | 'sms' | 'recovery_code' | 'passkey'; code: string; trustDevice: boolean };
  'sk-two-factor-sms-requested': Record<string, never>;
  'sk-two-factor-cancelled': { reason: 'back' | 'expired' };
  /** `<sk-contact-dialog>` saved: the list re-reads and shows `notice`. */
  'sk-contact-saved': { notice: string };
  /** A form part's unsaved input changed (the host mirrors it in its `sk-dirty` attribute). */
  'sk-draft-changed': { dirty: boolean };
}

export type SkEventName = keyof SkEventDetails;
/** The arguments of `emit(name, detail)`: no detail for events that carry none. */
export type EmitArgs<K extends SkEventName> = SkEventDetails[K] extends undefined ? [name: K] : [name: K, detail: SkEventDetails[K]];

/** Dispatches a typed `sk-*` event that bubbles out of shadow roots and can be cancelled. */
export function emit<K extends SkEventName>(target: EventTarget, ...[name, detail]: EmitArgs<K> | [K, SkEventDetails[K]]): boolean {
  return target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: true }));
}

declare global {
  interface HTMLElementEventMap extends SkEventMap {}
}
type SkEventMap = { [K in SkEventName]: CustomEvent<SkEventDetails[K]> };
