import type { Rejection } from '@libs/contracts';

export const JSON_MEDIA_TYPE = 'application/json';
export const NDJSON_MEDIA_TYPE = 'application/x-ndjson';

/** One record of a request, not parsed yet: an NDJSON line or an element of a JSON array. */
export type BodyItem = { kind: 'line'; line: number; text: string } | { kind: 'element'; value: unknown };

export type SplitBody = { ok: true; items: BodyItem[] } | { ok: false; status: 400 | 415; message: string };

/** A record as JSON: its value, and the byte length of its text when it came as text (NDJSON). */
export type ParsedItem = { ok: true; value: unknown; bytes?: number } | { ok: false; rejection: Rejection };

export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * Splits a request body (as the body parsers left it) into records. Blank NDJSON lines are not
 * records; a line that is not JSON is still a record, rejected later on its own.
 */
export function splitBody(contentType: string | undefined, body: unknown): SplitBody {
  const mediaType = mediaTypeOf(contentType);
  if (mediaType === JSON_MEDIA_TYPE) {
    if (!Array.isArray(body)) {
      return { ok: false, status: 400, message: 'a JSON body must be an array of event envelopes' };
    }
    return { ok: true, items: body.map((value: unknown) => ({ kind: 'element', value })) };
  }
  if (mediaType === NDJSON_MEDIA_TYPE) {
    const text = typeof body === 'string' ? body : '';
    const items: BodyItem[] = [];
    text.split('\n').forEach((raw, i) => {
      const line = raw.trim();
      if (line !== '') items.push({ kind: 'line', line: i + 1, text: line });
    });
    return { ok: true, items };
  }
  return {
    ok: false,
    status: 415,
    message: `Content-Type must be ${JSON_MEDIA_TYPE} (an array of envelopes) or ${NDJSON_MEDIA_TYPE} (one envelope per line)`,
  };
}

export function parseItem(item: BodyItem): ParsedItem {
  if (item.kind === 'element') return { ok: true, value: item.value };
  try {
    return { ok: true, value: JSON.parse(item.text) as unknown, bytes: Buffer.byteLength(item.text, 'utf8') };
  } catch (error) {
    return {
      ok: false,
      rejection: {
        code: 'invalid_json',
        reason: `line ${item.line} is not JSON: ${(error as Error).message}`,
      },
    };
  }
}
