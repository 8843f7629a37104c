// Where to go after signing in: only a path of this site, never another site's address.
export function safeRedirect(value: unknown, fallback: string): string {
  const path = Array.isArray(value) ? value[0] : value;
  if (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//') || path.includes('\\')) return fallback;
  return path;
}
