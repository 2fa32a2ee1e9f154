/**
 * Removes query parameters the server put on a redirect back to the page (`?oauth=…&provider=…`)
 * once an element has read them, so a reload or a shared link does not replay them. The path, the
 * other parameters and the hash stay as they are.
 */
export function removeQueryParams(...names: string[]): void {
  const params = new URLSearchParams(location.search);
  if (!names.some((name) => params.has(name))) return;
  for (const name of names) params.delete(name);
  const search = params.toString();
  history.replaceState(history.state, '', `${location.pathname}${search ? `?${search}` : ''}${location.hash}`);
}
