import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiKey } from './api-key-config';

type Headers = Record<string, string | string[] | undefined>;

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

const single = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

/** The key a request presents: `Authorization: Bearer <key>`, else `X-Api-Key: <key>`. Headers are lower-cased. */
export function presentedApiKey(headers: Headers): string | undefined {
  const bearer = BEARER.exec(single(headers.authorization) ?? '');
  if (bearer) return bearer[1];
  const apiKey = single(headers['x-api-key'])?.trim();
  return apiKey ? apiKey : undefined;
}

export function sha256Of(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/**
 * The configured key whose hash matches. Every entry is compared in constant time and the loop
 * does not stop early, so the answer's timing says nothing about which hashes are close.
 */
export function matchApiKey(presented: string, keys: readonly ApiKey[]): ApiKey | undefined {
  const hash = sha256Of(presented);
  let match: ApiKey | undefined;
  for (const key of keys) {
    if (timingSafeEqual(hash, key.sha256) && match === undefined) match = key;
  }
  return match;
}
