import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Browser, type TestApp } from '../../testing/test-app';
import { AVATAR_SAMPLES, pngOfSize } from './avatar.fixtures';
import { AVATAR_MAX_BYTES, imageDimensions } from './profile.service';

let t: TestApp;
beforeAll(async () => (t = await createTestApp()));
afterAll(() => t.close());

const cookieOf = (b: Browser) => [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

/** PUT /profile/avatar as a browser would send a file input: multipart, field `avatar`. */
async function upload(b: Browser, bytes: Uint8Array, name: string, type: string, field = 'avatar') {
  const form = new FormData();
  form.append(field, new File([bytes as Uint8Array<ArrayBuffer>], name, { type }));
  return t.app.request('http://localhost/profile/avatar', { method: 'PUT', body: form, headers: { cookie: cookieOf(b) } });
}

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; fields?: Record<string, string> } }).error;

describe('PUT /profile/avatar', () => {
  for (const [kind, type] of [
    ['jpeg', 'image/jpeg'],
    ['png', 'image/png'],
    ['gif', 'image/gif'],
    ['webp', 'image/webp'],
  ] as const) {
    it(`accepts a ${kind.toUpperCase()} by its content and serves it safely`, async () => {
      const b = t.browser();
      await b.signUp();
      // The declared type and name are wrong on purpose: only the bytes count.
      const res = await upload(b, AVATAR_SAMPLES[kind], 'photo.bin', 'application/octet-stream');
      expect(res.status).toBe(200);
      const { avatarUrl } = (await res.json()) as { avatarUrl: string };
      expect(avatarUrl).toMatch(/^avatars\/[A-Za-z0-9_-]{16,}$/);
      expect(avatarUrl).not.toContain('photo');

      const served = await t.browser().get(`/${avatarUrl}`); // no session needed: the id is unguessable
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe(type);
      expect(served.headers.get('x-content-type-options')).toBe('nosniff');
      expect(served.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
      expect(served.headers.get('cache-control')).toMatch(/max-age=31536000.*immutable/);
      expect(new Uint8Array(await served.arrayBuffer())).toEqual(AVATAR_SAMPLES[kind]);

      const me = (await (await b.get('/me')).json()) as { user: { avatarUrl: string } };
      expect(me.user.avatarUrl).toBe(avatarUrl);
    });
  }

  it('serves a PNG renamed .gif as image/png', async () => {
    const b = t.browser();
    await b.signUp();
    const res = await upload(b, AVATAR_SAMPLES.png, 'cat.gif', 'image/gif');
    expect(res.status).toBe(200);
    const { avatarUrl } = (await res.json()) as { avatarUrl: string };
    expect((await t.browser().get(`/${avatarUrl}`)).headers.get('content-type')).toBe('image/png');
  });

  it('refuses an SVG with 415', async () => {
    const b = t.browser();
    await b.signUp();
    const res = await upload(b, AVATAR_SAMPLES.svg, 'avatar.svg', 'image/svg+xml');
    expect(res.status).toBe(415);
    expect(await errorOf(res)).toMatchObject({ code: 'unsupported_media_type', fields: { avatar: expect.any(String) } });
  });

  it('refuses an HTML file with an image extension and type with 415', async () => {
    const b = t.browser();
    await b.signUp();
    const res = await upload(b, AVATAR_SAMPLES.html, 'avatar.png', 'image/png');
    expect(res.status).toBe(415);
    const me = (await (await b.get('/me')).json()) as { user: { avatarUrl: string | null } };
    expect(me.user.avatarUrl).toBeNull();
  });

  it('accepts exactly 2 MiB and refuses 2 MiB + 1 byte with 413', async () => {
    const b = t.browser();
    await b.signUp();
    expect((await upload(b, pngOfSize(AVATAR_MAX_BYTES), 'big.png', 'image/png')).status).toBe(200);
    const res = await upload(b, pngOfSize(AVATAR_MAX_BYTES + 1), 'big.png', 'image/png');
    expect(res.status).toBe(413);
    expect(await errorOf(res)).toMatchObject({ code: 'payload_too_large', fields: { avatar: expect.any(String) } });
  });

  it('stops reading an undeclared streamed body as soon as it passes the limit', async () => {
    const b = t.browser();
    await b.signUp();
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const res = await t.app.request('http://localhost/profile/avatar', {
      method: 'PUT',
      body: endless,
      headers: { cookie: cookieOf(b), 'content-type': 'multipart/form-data; boundary=x' },
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThan(AVATAR_MAX_BYTES + 256 * 1024); // an endless body is cut off, not buffered
  });

  it('refuses a declared Content-Length over the limit before reading the body', async () => {
    const b = t.browser();
    await b.signUp();
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const res = await t.app.request('http://localhost/profile/avatar', {
      method: 'PUT',
      body,
      headers: { cookie: cookieOf(b), 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(50 * 1024 * 1024) },
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it('reads the size of every type from its header, and refuses pictures over 4096 pixels a side', async () => {
    for (const [kind, type] of [['jpeg', 'image/jpeg'], ['png', 'image/png'], ['gif', 'image/gif'], ['webp', 'image/webp']] as const) {
      expect(imageDimensions(AVATAR_SAMPLES[kind], type), kind).toEqual({ width: 1, height: 1 });
    }
    const b = t.browser();
    await b.signUp();
    const wide = AVATAR_SAMPLES.png.slice();
    new DataView(wide.buffer).setUint32(16, 20_000); // IHDR width
    const res = await upload(b, wide, 'wide.png', 'image/png');
    expect(res.status).toBe(400);
    expect((await errorOf(res)).fields?.avatar).toMatch(/4096/);
    const headerOnly = AVATAR_SAMPLES.jpeg.slice(0, 4); // JPEG magic, no frame
    expect((await upload(b, headerOnly, 'cut.jpg', 'image/jpeg')).status).toBe(415);
  });

  it('needs the avatar field, multipart, and a session', async () => {
    const b = t.browser();
    await b.signUp();
    const wrongField = await upload(b, AVATAR_SAMPLES.png, 'a.png', 'image/png', 'picture');
    expect(wrongField.status).toBe(400);
    expect((await errorOf(wrongField)).fields).toHaveProperty('avatar');
    expect((await b.put('/profile/avatar', { avatar: 'x' })).status).toBe(400);
    expect((await upload(t.browser(), AVATAR_SAMPLES.png, 'a.png', 'image/png')).status).toBe(401);
  });

  it('gives every upload a new URL, forgets the old image, and removes it on DELETE', async () => {
    const b = t.browser();
    await b.signUp();
    const first = ((await (await upload(b, AVATAR_SAMPLES.png, 'a.png', 'image/png')).json()) as { avatarUrl: string }).avatarUrl;
    const second = ((await (await upload(b, AVATAR_SAMPLES.gif, 'b.gif', 'image/gif')).json()) as { avatarUrl: string }).avatarUrl;
    expect(second).not.toBe(first);
    expect((await t.browser().get(`/${first}`)).status).toBe(404);
    expect((await t.browser().get(`/${second}`)).status).toBe(200);

    expect((await b.delete('/profile/avatar')).status).toBe(204);
    expect((await t.browser().get(`/${second}`)).status).toBe(404);
    const profile = (await (await b.get('/profile')).json()) as { avatarUrl: string | null };
    expect(profile.avatarUrl).toBeNull();
  });
});
