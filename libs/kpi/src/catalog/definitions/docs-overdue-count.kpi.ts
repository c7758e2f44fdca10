import { defineKpi } from '../kpi-definition';

export const DOCS_OVERDUE_COUNT = defineKpi({
  id: 'docs_overdue_count',
  nameVi: 'Văn bản quá hạn xử lý',
  nameEn: 'Documents overdue for processing',
  unit: 'count',
  direction: 'lower_is_better',
  screenPillar: 'digital_government',
  sources: ['qlvb'],
  mode: 'state',
  cadence: 'realtime',
  formula: {
    kind: 'open_overdue',
    opened: { type: 'qlvb.document.assigned' },
    closed: { type: 'qlvb.document.processed' },
    key: ['documentId', 'assigneeId'],
    dueField: 'dueAt',
  },
  targets: [],
  exclusions:
    'Counts assignments (a document given to an official), so a document late with two officials ' +
    'counts twice. A re-assignment to the same official replaces the due date. No plan sets a ' +
    'figure; leaders follow it (seed 004, line 366). Per-official figures are for leaders only.',
  breakdowns: ['assigneeId'],
});
