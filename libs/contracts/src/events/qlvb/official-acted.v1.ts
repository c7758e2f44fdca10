import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { defineEvent } from '../event-definition';

export const OFFICIAL_ACTIONS = ['view', 'process', 'sign', 'forward', 'comment'] as const;
export type OfficialAction = (typeof OFFICIAL_ACTIONS)[number];

/** An official (cán bộ) used the document system; feeds the share of officials active in QLVB. */
export class OfficialActedV1 {
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  officialId!: string;

  @IsIn(OFFICIAL_ACTIONS)
  action!: OfficialAction;
}

export const OfficialActed = defineEvent({
  type: 'qlvb.official.acted',
  source: 'qlvb',
  schemaVersion: 1,
  payload: OfficialActedV1,
  summary: 'Cán bộ thao tác trên hệ thống QLVB / an official acted in the document system',
  example: {
    eventId: 'qlvb-26734-CB0231-20261123T0832-process',
    unitCode: '26734',
    occurredAt: '2026-11-23T08:32:00+07:00',
    producedAt: '2026-11-23T08:32:00+07:00',
    payload: { officialId: 'CB-0231', action: 'process' },
  },
});
