import { pendingEmailOf } from '../email-change/email-change.service';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { e164OrNull } from '../../lib/phone';
import type { Deps } from '../../context';
import { newId } from '../../lib/crypto';
import { AppError, badRequest, invalidField, notFound } from '../../lib/errors';
import { users } from '../accounts/accounts.table';
import { releaseConfirmedPhone } from '../confirmation/confirmation.service';
import { avatars } from './profile.table';
import { currentProfileOf, ensureAutoProfile, updateCurrentProfile } from './profiles.service';

/* ---------- profile fields ---------- */

export const DISPLAY_NAME_MAX = 100;
export const COMPANY_MAX = 200;
export const BIO_MAX = 500;

/** Lengths count code points, so an emoji is one character, as people count them. */
export const characters = (value: string) => [...value].length;

let timezones: Set<string> | undefined;
/**
 * The IANA zone as `Intl.supportedValuesOf('timeZone')` names it (plus `UTC`), or null. A valid
 * alias or different spelling (`europe/berlin`, `US/Pacific`) resolves to the listed name.
 */
export function canonicalTimezone(value: string): string | null {
  timezones ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);
  if (timezones.has(value)) return value;
  if (!value || value.length > 64) return null;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
    return timezones.has(resolved) ? resolved : null;
  } catch {
    return null;
  }
}

let languageNames: Intl.DisplayNames | undefined;
/**
 * The canonical form of a BCP 47 language tag (`en-gb` → `en-GB`), or null when it is not a
 * well-formed tag (`Intl.getCanonicalLocales`) or its language is unknown (`english`, `xx`).
 */
export function canonicalLanguage(value: string): string | null {
  if (!value || value.length > 35) return null;
  try {
    const tag = Intl.getCanonicalLocales(value)[0];
    if (!tag) return null;
    languageNames ??= new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
    return languageNames.of(new Intl.Locale(tag).language) ? tag : null;
  } catch {
    return null;
  }
}

/** E.164 (`+14155552671`) for a valid international number in any common spelling, else null. */
export function e164(value: string): string | null {
  if (!/^\s*\+/.test(value) || value.length > 32) return null;
  return e164OrNull(value);
}

export interface ProfileChanges {
  displayName?: string;
  phone?: string | null;
  timezone?: string | null;
  language?: string | null;
  company?: string | null;
  bio?: string | null;
}

/**
 * GET /profile: the account's fields (email, phone, timezone, language, avatar) with the current
 * profile's (display name, company, bio, type). Before the first profile, `profile` is null.
 */
export async function getProfile(deps: Deps, userId: string) {
  await ensureAutoProfile(deps, userId);
  const [row] = await deps.db
    .select({
      email: users.email,
      displayName: users.displayName,
      phone: users.phone,
      timezone: users.timezone,
      language: users.language,
      avatarId: users.avatarId,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!row) throw notFound('That account');
  const current = await currentProfileOf(deps.db, userId);
  const { avatarId, createdAt, ...rest } = row;
  return {
    ...rest,
    company: current?.company ?? null,
    bio: current?.bio ?? null,
    profile: current ? { id: current.id, type: { id: current.typeId, name: current.typeName } } : null,
    pendingEmail: await pendingEmailOf(deps, userId),
    avatarUrl: avatarUrl(avatarId),
    createdAt: createdAt.toISOString(),
  };
}

/**
 * Applies already-validated changes (the route's schema uses the checks above, so every field
 * error names its field). Empty optional fields are stored as null; the email is not changed here.
 *
 * A different phone (or none) drops the phone confirmation and frees the number confirmed before,
 * in the same statement and transaction; the same number (already E.164 here) keeps it.
 */
export async function updateProfile(deps: Deps, userId: string, changes: ProfileChanges) {
  // Display name, company and bio belong to the current profile; the rest to the account.
  const set: PgUpdateSetSource<typeof users> = {};
  for (const key of ['phone', 'timezone', 'language'] as const) {
    if (changes[key] !== undefined) set[key] = changes[key] || null;
  }
  const profileChanges = { displayName: changes.displayName, company: changes.company, bio: changes.bio };
  const phone = changes.phone === undefined ? undefined : changes.phone || null;
  if (phone !== undefined) {
    // SET expressions read the row as it was, so this compares the old number with the new one.
    set.phoneConfirmedAt = sql`case when ${users.phone} is not distinct from ${phone}::text then ${users.phoneConfirmedAt} else null end`;
  }
  if (Object.keys(set).length || Object.values(profileChanges).some((v) => v !== undefined)) {
    await deps.db.transaction(async (tx) => {
      await updateCurrentProfile(tx, userId, profileChanges);
      if (Object.keys(set).length) await tx.update(users).set(set).where(eq(users.id, userId));
      if (phone !== undefined) await releaseConfirmedPhone(tx, userId, phone);
    });
  }
  return getProfile(deps, userId);
}

/* ---------- avatars ---------- */

export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;
/** Room for the multipart boundaries and part headers around the file. */
const MULTIPART_SLACK = 16 * 1024;

export type AvatarType = 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp';

export const avatarUrl = (id: string | null) => (id ? `avatars/${id}` : null);

/** The image type by its magic bytes; the name and the declared type are never trusted. */
export function sniffImageType(bytes: Uint8Array): AvatarType | null {
  const starts = (sig: number[], at = 0) => bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
  const ascii = (text: string) => [...text].map((ch) => ch.charCodeAt(0));
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts(ascii('GIF87a')) || starts(ascii('GIF89a'))) return 'image/gif';
  if (starts(ascii('RIFF')) && starts(ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

/** Larger pictures are refused: an avatar never needs more, and it bounds decoding cost (decompression bombs). */
export const AVATAR_MAX_PIXELS_PER_SIDE = 4096;

/**
 * Width and height from the image header (PNG IHDR, GIF screen descriptor, WebP VP8/VP8L/VP8X,
 * JPEG start-of-frame), without decoding pixels; null when the header is not readable.
 */
export function imageDimensions(b: Uint8Array, type: AvatarType): { width: number; height: number } | null {
  const u16be = (i: number) => (b[i]! << 8) | b[i + 1]!;
  const u16le = (i: number) => b[i]! | (b[i + 1]! << 8);
  const u24le = (i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);
  const u32be = (i: number) => ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;
  const fourcc = (i: number) => String.fromCharCode(b[i]!, b[i + 1]!, b[i + 2]!, b[i + 3]!);
  if (type === 'image/png') return b.length >= 24 && fourcc(12) === 'IHDR' ? { width: u32be(16), height: u32be(20) } : null;
  if (type === 'image/gif') return b.length >= 10 ? { width: u16le(6), height: u16le(8) } : null;
  if (type === 'image/webp') {
    if (b.length < 30) return null;
    const chunk = fourcc(12);
    if (chunk === 'VP8X') return { width: u24le(24) + 1, height: u24le(27) + 1 };
    if (chunk === 'VP8 ' && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) return { width: u16le(26) & 0x3fff, height: u16le(28) & 0x3fff };
    if (chunk === 'VP8L' && b[20] === 0x2f) {
      const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
      return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    return null;
  }
  // JPEG: walk the marker segments to the first start-of-frame.
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { width: u16be(i + 7), height: u16be(i + 5) };
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9)) {
      i += 2;
      continue;
    }
    i += 2 + u16be(i + 2);
  }
  return null;
}

const tooLarge = () =>
  new AppError(413, 'payload_too_large', 'The image is larger than 2 MiB. Choose a smaller one.', { avatar: 'The image is larger than 2 MiB.' });
const unsupportedType = () =>
  new AppError(415, 'unsupported_media_type', 'Upload a JPEG, PNG, GIF or WebP image.', { avatar: 'Upload a JPEG, PNG, GIF or WebP image.' });

/**
 * Reads a request body up to `limit` bytes, counting while it streams: a declared Content-Length
 * over the limit is refused before reading, and an undeclared body is cut off (and the stream
 * cancelled) as soon as it passes the limit. Nothing larger than `limit` is ever held in memory.
 */
export async function readBounded(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    await request.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** The `avatar` file of a multipart upload, size-checked while streaming, type-checked by content. */
export async function readAvatarUpload(request: Request): Promise<{ bytes: Buffer; type: AvatarType }> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data;.*boundary=/i.test(contentType)) {
    throw badRequest('validation_failed', 'Send the image as multipart/form-data in the field "avatar".', { avatar: 'Choose an image to upload.' });
  }
  const body = await readBounded(request, AVATAR_MAX_BYTES + MULTIPART_SLACK);
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw badRequest('validation_failed', 'The upload could not be read. Try again.', { avatar: 'The upload could not be read.' });
  }
  const file = form.get('avatar');
  if (!file || typeof file === 'string') throw invalidField('avatar', 'Choose an image to upload.');
  if (file.size > AVATAR_MAX_BYTES) throw tooLarge();
  if (file.size === 0) throw invalidField('avatar', 'The file is empty.');
  const bytes = Buffer.from(await file.arrayBuffer());
  const type = sniffImageType(bytes);
  if (!type) throw unsupportedType();
  const size = imageDimensions(bytes, type);
  if (!size || size.width < 1 || size.height < 1) {
    throw new AppError(415, 'unsupported_media_type', 'This image could not be read. Save it again as JPEG, PNG, GIF or WebP.', { avatar: 'This image could not be read.' });
  }
  if (size.width > AVATAR_MAX_PIXELS_PER_SIDE || size.height > AVATAR_MAX_PIXELS_PER_SIDE) {
    const why = `Use an image of at most ${AVATAR_MAX_PIXELS_PER_SIDE} × ${AVATAR_MAX_PIXELS_PER_SIDE} pixels (this one is ${size.width} × ${size.height}).`;
    throw invalidField('avatar', why);
  }
  return { bytes, type };
}

/** Stores a new avatar under a fresh id, points the user at it and drops the previous one. */
export async function setAvatar(deps: Deps, userId: string, upload: { bytes: Buffer; type: AvatarType }): Promise<string> {
  const id = newId();
  await deps.db.transaction(async (tx) => {
    await tx.insert(avatars).values({ id, userId, contentType: upload.type, size: upload.bytes.byteLength, data: upload.bytes, createdAt: deps.clock.now() });
    await tx.update(users).set({ avatarId: id }).where(eq(users.id, userId));
    await tx.delete(avatars).where(and(eq(avatars.userId, userId), ne(avatars.id, id)));
  });
  return avatarUrl(id)!;
}

export async function removeAvatar(deps: Deps, userId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await tx.update(users).set({ avatarId: null }).where(eq(users.id, userId));
    await tx.delete(avatars).where(eq(avatars.userId, userId));
  });
}

export async function loadAvatar(deps: Deps, id: string) {
  const [row] = await deps.db.select({ contentType: avatars.contentType, data: avatars.data }).from(avatars).where(eq(avatars.id, id));
  return row ?? null;
}
