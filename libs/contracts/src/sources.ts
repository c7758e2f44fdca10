/** The source systems that publish to COC Stream. Each owns one Kafka topic and one raw-event table. */
export const SOURCE_IDS = ['qlvb', 'onestop', 'camera', 'reporting'] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

export interface SourceSystem {
  id: SourceId;
  nameVi: string;
  nameEn: string;
}

export const SOURCES: Record<SourceId, SourceSystem> = {
  qlvb: { id: 'qlvb', nameVi: 'Quản lý văn bản và điều hành', nameEn: 'Document management' },
  onestop: {
    id: 'onestop',
    nameVi: 'Một cửa điện tử, Cổng dịch vụ công',
    nameEn: 'One-stop shop / public-service portal',
  },
  camera: { id: 'camera', nameVi: 'Camera an ninh, camera AI', nameEn: 'Security and AI cameras' },
  reporting: { id: 'reporting', nameVi: 'Hệ thống thông tin báo cáo', nameEn: 'Reporting system' },
};

export function isSourceId(value: unknown): value is SourceId {
  return typeof value === 'string' && (SOURCE_IDS as readonly string[]).includes(value);
}
