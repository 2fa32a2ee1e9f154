import type { InferResponseType } from 'hono/client';
import type { ApiClient } from './client';

/*
 * What the elements read from the API, inferred from the server's route schemas (hono's
 * InferResponseType), so a change on the server shows up here as a type error instead of drifting
 * silently. Elements import these instead of writing their own copies.
 */
type Ok<F> = F extends (...args: never[]) => unknown ? InferResponseType<F, 200> : never;

export type SessionsAnswer = Ok<ApiClient['security']['sessions']['$get']>;
export type SessionRow = SessionsAnswer['sessions'][number];
export type ActivityPage = Ok<ApiClient['security']['login-activity']['$get']>;
export type ActivityRow = ActivityPage['items'][number];
export type Contact = Ok<ApiClient['contacts']['$get']>['contacts'][number];
export type ContactChannel = Contact['channel'];
export type ContactProvider = Contact['provider'];
export type ContactStatus = Contact['status'];
export type AdminUser = Ok<ApiClient['admin']['users']['$get']>['users'][number];
export type AuditPage = Ok<ApiClient['admin']['audit']['$get']>;
export type AuditEntry = AuditPage['items'][number];
export type TrustedDevicesAnswer = Ok<ApiClient['security']['trusted-devices']['$get']>;
export type ConnectedAccount = Ok<ApiClient['connected-accounts']['$get']>['accounts'][number];
export type BillingAnswer = Ok<ApiClient['billing']['$get']>;
export type NotificationSettingsAnswer = Ok<ApiClient['notifications']['$get']>;
export type ProfileAnswer = Ok<ApiClient['profile']['$get']>;
export type ProfileList = Ok<ApiClient['profiles']['$get']>;
export type ProfileEntry = ProfileList['profiles'][number];
export type ProfileType = Ok<ApiClient['profile-types']['$get']>['types'][number];
export type AdminProfileType = Ok<ApiClient['admin']['profile-types']['$get']>['types'][number];
export type AccountPolicyValue = Ok<ApiClient['admin']['account-policy']['$get']>;
export type TwilioSettingsValue = Ok<ApiClient['admin']['twilio']['$get']>;
export type PreferencesAnswer = Ok<ApiClient['preferences']['$get']>;
export type SecurityOverview = Ok<ApiClient['security']['$get']>;

/**
 * Every `error.code` the API answers with. Elements compare `ApiError.code` against these, so a
 * misspelt code is a type error.
 */
export type ErrorCode =
  | 'access_denied'
  | 'account_deletion_disabled'
  | 'account_disabled'
  | 'account_locked'
  | 'billing_unavailable'
  | 'challenge_expired'
  | 'contact_exists'
  | 'contact_limit'
  | 'default_conflict'
  | 'delivery_failed'
  | 'email_taken'
  | 'export_ticket_invalid'
  | 'forbidden'
  | 'identity_taken'
  | 'internal'
  | 'invalid_code'
  | 'invalid_credentials'
  | 'invalid_passkey'
  | 'invalid_password'
  | 'invalid_request'
  | 'invalid_state'
  | 'invalid_token'
  | 'last_admin'
  | 'last_sign_in_method'
  | 'link_origin_not_configured'
  | 'no_pending_setup'
  | 'not_found'
  | 'not_linked'
  | 'not_ringcentral'
  | 'oauth_failed'
  | 'passkey_exists'
  | 'payload_too_large'
  | 'phone_taken'
  | 'provider_not_configured'
  | 'rate_limited'
  | 'reauthentication_required'
  | 'ringcentral_not_registered'
  | 'ringcentral_unavailable'
  | 'session_mismatch'
  | 'sms_not_enabled'
  | 'totp_already_enabled'
  | 'try_again'
  | 'two_factor_required'
  | 'unauthenticated'
  | 'unsupported_media_type'
  | 'validation_failed'
  | 'wrong_code';
