import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { defineEvent } from '../event-definition';

export const DOCUMENT_DIRECTIONS = ['incoming', 'outgoing'] as const;
export type DocumentDirection = (typeof DOCUMENT_DIRECTIONS)[number];

/** How the document reached (or left) the registry: over the interlinked network, on paper, by e-mail. */
export const DOCUMENT_CHANNELS = ['interlinked', 'paper', 'email'] as const;
export type DocumentChannel = (typeof DOCUMENT_CHANNELS)[number];

/** An incoming or outgoing document (văn bản đến / đi) entered in the document register. */
export class DocumentRegisteredV1 {
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  documentId!: string;

  @IsIn(DOCUMENT_DIRECTIONS)
  direction!: DocumentDirection;

  @IsIn(DOCUMENT_CHANNELS)
  channel!: DocumentChannel;

  /** Secret (mật) documents are excluded from the electronic-handling KPIs. */
  @IsBoolean()
  secret!: boolean;

  /** Free text as the source names it: Công văn, Quyết định, Tờ trình, ... */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  documentType?: string;
}

export const DocumentRegistered = defineEvent({
  type: 'qlvb.document.registered',
  source: 'qlvb',
  schemaVersion: 1,
  payload: DocumentRegisteredV1,
  summary: 'Văn bản đến / đi được vào sổ / a document was registered',
  example: {
    eventId: 'qlvb-26734-VBD2026004512-registered',
    unitCode: '26734',
    occurredAt: '2026-11-23T08:05:00+07:00',
    producedAt: '2026-11-23T08:05:01+07:00',
    payload: {
      documentId: 'VBD-2026-004512',
      direction: 'incoming',
      channel: 'interlinked',
      secret: false,
      documentType: 'Công văn',
    },
  },
});
