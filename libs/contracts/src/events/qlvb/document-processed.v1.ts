import { IsString, MaxLength, MinLength } from 'class-validator';
import { defineEvent } from '../event-definition';

/** The assignee finished processing a document; compared with its assignment's dueAt for overdue counts. */
export class DocumentProcessedV1 {
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  documentId!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(64)
  assigneeId!: string;
}

export const DocumentProcessed = defineEvent({
  type: 'qlvb.document.processed',
  source: 'qlvb',
  schemaVersion: 1,
  payload: DocumentProcessedV1,
  summary: 'Văn bản đã được xử lý xong / a document was processed',
  example: {
    eventId: 'qlvb-26734-VBD2026004512-processed-CB0231',
    unitCode: '26734',
    occurredAt: '2026-11-23T15:40:00+07:00',
    producedAt: '2026-11-23T15:40:01+07:00',
    payload: { documentId: 'VBD-2026-004512', assigneeId: 'CB-0231' },
  },
});
