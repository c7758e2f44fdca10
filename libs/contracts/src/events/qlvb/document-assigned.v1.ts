import { IsString, MaxLength, MinLength } from 'class-validator';
import { defineEvent } from '../event-definition';
import { IsZonedDateTime } from '../zoned-date-time';

/** A document handed to an official for processing (giao xử lý), with its deadline. */
export class DocumentAssignedV1 {
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  documentId!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(64)
  assigneeId!: string;

  @IsZonedDateTime()
  dueAt!: string;
}

export const DocumentAssigned = defineEvent({
  type: 'qlvb.document.assigned',
  source: 'qlvb',
  schemaVersion: 1,
  payload: DocumentAssignedV1,
  summary: 'Văn bản được giao xử lý / a document was assigned for processing',
  example: {
    eventId: 'qlvb-26734-VBD2026004512-assigned-CB0231',
    unitCode: '26734',
    occurredAt: '2026-11-23T08:30:00+07:00',
    producedAt: '2026-11-23T08:30:02+07:00',
    payload: { documentId: 'VBD-2026-004512', assigneeId: 'CB-0231', dueAt: '2026-11-27T17:00:00+07:00' },
  },
});
