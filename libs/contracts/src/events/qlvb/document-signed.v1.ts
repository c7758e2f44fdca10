import { IsBoolean, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { defineEvent } from '../event-definition';

/** Signed when the unit issues the document, or countersigned (đóng dấu số) when it receives one. */
export const SIGNING_STAGES = ['issue', 'receipt'] as const;
export type SigningStage = (typeof SIGNING_STAGES)[number];

/** Specialised government CA (Ban Cơ yếu Chính phủ) or a public CA. */
export const CERTIFICATE_TYPES = ['specialized', 'public_ca'] as const;
export type CertificateType = (typeof CERTIFICATE_TYPES)[number];

export const SIGNING_METHODS = ['token', 'sim', 'mobile', 'hsm'] as const;
export type SigningMethod = (typeof SIGNING_METHODS)[number];

/** A digital signature (ký số) applied to a document and checked by the document system. */
export class DocumentSignedV1 {
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  documentId!: string;

  @IsIn(SIGNING_STAGES)
  stage!: SigningStage;

  /** The signature verified against its certificate chain at the time of signing. */
  @IsBoolean()
  valid!: boolean;

  @IsIn(CERTIFICATE_TYPES)
  certificateType!: CertificateType;

  @IsIn(SIGNING_METHODS)
  method!: SigningMethod;
}

export const DocumentSigned = defineEvent({
  type: 'qlvb.document.signed',
  source: 'qlvb',
  schemaVersion: 1,
  payload: DocumentSignedV1,
  summary: 'Văn bản được ký số / a document was digitally signed',
  example: {
    eventId: 'qlvb-26734-VBD2026004518-signed-issue',
    unitCode: '26734',
    occurredAt: '2026-11-23T10:20:00+07:00',
    producedAt: '2026-11-23T10:20:03+07:00',
    payload: {
      documentId: 'VBD-2026-004518',
      stage: 'issue',
      valid: true,
      certificateType: 'specialized',
      method: 'token',
    },
  },
});
