import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { defineEvent } from '../event-definition';

export const EXCHANGE_DIRECTIONS = ['sent', 'received'] as const;
export type ExchangeDirection = (typeof EXCHANGE_DIRECTIONS)[number];

/** Every route except `paper` counts as exchanged over the network (gửi nhận qua môi trường mạng). */
export const EXCHANGE_ROUTES = ['interlink', 'lgsp', 'email', 'paper'] as const;
export type ExchangeRoute = (typeof EXCHANGE_ROUTES)[number];

/** A document sent to or received from another agency. */
export class DocumentExchangedV1 {
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  documentId!: string;

  @IsIn(EXCHANGE_DIRECTIONS)
  direction!: ExchangeDirection;

  /** The national document interlink (trục liên thông), the provincial LGSP, e-mail or paper post. */
  @IsIn(EXCHANGE_ROUTES)
  via!: ExchangeRoute;
}

export const DocumentExchanged = defineEvent({
  type: 'qlvb.document.exchanged',
  source: 'qlvb',
  schemaVersion: 1,
  payload: DocumentExchangedV1,
  summary: 'Văn bản được gửi, nhận / a document was sent or received',
  example: {
    eventId: 'qlvb-26734-VBD2026004518-sent',
    unitCode: '26734',
    occurredAt: '2026-11-23T10:25:00+07:00',
    producedAt: '2026-11-23T10:25:01+07:00',
    payload: { documentId: 'VBD-2026-004518', direction: 'sent', via: 'interlink' },
  },
});
