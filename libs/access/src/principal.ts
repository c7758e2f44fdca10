import type { SourceId } from '@libs/contracts';

/**
 * What a caller is: a wall screen, a person viewing figures, a source system publishing events,
 * a district or province IOC pulling rollups, or an administrator.
 */
export const ROLES = ['screen', 'viewer', 'connector', 'ioc', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);

/** Every unit, or every source: written ["*"] in configuration. */
export const EVERYTHING = 'all';
export type Everything = typeof EVERYTHING;

/** An authenticated caller. Never holds the key or the token it presented. */
export interface Principal {
  /** The key id: what audit rows and logs name. */
  id: string;
  role: Role;
  /** Roots of the unit subtrees the principal may read or publish for, by official code. */
  units: readonly string[] | Everything;
  /** The sources a connector may publish for; every source for the other roles. */
  sources: readonly SourceId[] | Everything;
}
