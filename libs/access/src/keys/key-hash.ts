import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

type Headers = Record<string, string | string[] | undefined>;

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

const single = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

/** The credential a request presents: `Authorization: Bearer <key or token>`, else `X-Api-Key: <key>`. */
export function presentedCredential(headers: Headers): string | undefined {
  const bearer = BEARER.exec(single(headers.authorization) ?? '');
  if (bearer) return bearer[1];
  const apiKey = single(headers['x-api-key'])?.trim();
  return apiKey ? apiKey : undefined;
}

export function sha256Of(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** A new key: 32 random bytes, prefixed so a leaked one is recognisable in logs and scanners. */
export function newKeySecret(): string {
  return `coc_${randomBytes(32).toString('base64url')}`;
}

/**
 * The entry whose hash matches the presented secret. Every entry is compared in constant time and
 * the loop does not stop early, so the answer's timing says nothing about which hashes are close.
 */
export function matchKey<K extends { sha256: Buffer }>(presented: string, keys: readonly K[]): K | undefined {
  const hash = sha256Of(presented);
  let match: K | undefined;
  for (const key of keys) {
    if (timingSafeEqual(hash, key.sha256) && match === undefined) match = key;
  }
  return match;
}
