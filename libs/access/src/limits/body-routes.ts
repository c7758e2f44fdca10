/**
 * How a route's request body is read, once the credential is accepted: parsed as JSON (plus some
 * media types as text, e.g. NDJSON) up to a size, or left as a stream for the handler (uploads
 * that bound their own size).
 */
export type BodyRoute =
  | {
      /** Path prefix, e.g. /api/v1/events. */
      path: string;
      parse: 'json';
      limitBytes: number;
      /** The variable that sets the limit, named in the 413 answer. */
      limitVariable: string;
      /** Media types parsed as text rather than JSON. */
      textTypes?: readonly string[];
    }
  | { path: string; parse: 'stream' };

export type ParsedBodyRoute = Extract<BodyRoute, { parse: 'json' }>;

/** The most specific route whose prefix the path starts with (at a segment boundary), else the fallback. */
export function bodyRouteFor(path: string, routes: readonly BodyRoute[], fallback: BodyRoute): BodyRoute {
  const matching = routes.filter(
    (r) => path === r.path || path.startsWith(r.path.endsWith('/') ? r.path : `${r.path}/`),
  );
  return matching.sort((a, b) => b.path.length - a.path.length)[0] ?? fallback;
}

/** The media type of a Content-Type header, lower-case, without parameters. */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/** application/json and the +json types (e.g. application/problem+json). */
export const isJsonType = (mediaType: string): boolean =>
  mediaType === 'application/json' || (mediaType.startsWith('application/') && mediaType.endsWith('+json'));

export function bodyTooLargeMessage(route: ParsedBodyRoute): string {
  return `the request body exceeds ${route.limitVariable} (${route.limitBytes} bytes); split it into smaller requests`;
}
