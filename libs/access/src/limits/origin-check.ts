/**
 * Whether a browser origin may call the app or open a socket: requests without an Origin
 * (non-browser clients), same-origin pages (the wall screen served by the gateway) and the
 * configured allow-list.
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowList: readonly string[],
): boolean {
  if (origin === undefined) return true;
  if (allowList.includes(origin)) return true;
  return host !== undefined && sameHost(origin, host);
}

function sameHost(origin: string, host: string): boolean {
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    // An Origin that is not a URL (e.g. "null" from a sandboxed page) is never same-origin.
    return false;
  }
}
