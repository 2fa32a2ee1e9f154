// Tiny real images (1×1) for avatar tests on the server, in the browser and end to end.
const b64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

export const AVATAR_SAMPLES = {
  png: b64('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='),
  gif: b64('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7'),
  webp: b64('UklGRiQAAABXRUJQVlA4IBgAAAAwAQCdASoBAAEAAwA0JaQAA3AA/vuUAAA='),
  jpeg: b64(
    '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  ),
  svg: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><script>alert(1)</script></svg>'),
  html: new TextEncoder().encode('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>'),
};

/** A PNG padded with trailing bytes to exactly `size` bytes (its header still says PNG). */
export function pngOfSize(size: number): Uint8Array {
  const out = new Uint8Array(size);
  out.set(AVATAR_SAMPLES.png.subarray(0, Math.min(size, AVATAR_SAMPLES.png.length)));
  return out;
}
