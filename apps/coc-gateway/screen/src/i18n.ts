import type { AlertKind, Pillar, SourceId } from '@libs/contracts/wall-screen';
import type { Lang } from './format';

interface Texts {
  pillars: Record<Pillar, string>;
  sources: Record<SourceId, string>;
  alerts: string;
  noAlerts: string;
  alertKinds: Record<AlertKind, string>;
  cameraAlertTypes: Record<string, string>;
  acknowledged: string;
  unacknowledged: string;
  ongoing: string;
  asOf: string;
  connected: string;
  connecting: string;
  disconnected: string;
  staleSince: string;
  updatedAt: string;
  target: string;
  noTargetPlan: string;
  noData: Record<string, string>;
  never: string;
  communes: string;
  commune: string;
  status: string;
  completeness: string;
  silent: string;
  moreCommunes: (n: number) => string;
  sortWorst: (mark: string) => string;
  sortCompleteness: string;
  sortName: string;
  page: (page: number, pages: number) => string;
  /** Under a pillar's title on the overview, when it shows only some of its tiles. */
  worstOf: (shown: number, total: number) => string;
  attention: string;
  communesWithoutData: (n: number) => string;
  publicView: string;
  periods: Record<string, string>;
}

export const TEXTS: Record<Lang, Texts> = {
  vi: {
    pillars: {
      digital_government: 'Chính quyền số',
      digital_economy: 'Kinh tế số',
      digital_society: 'Xã hội số',
    },
    sources: { qlvb: 'QLVB', onestop: 'Một cửa', camera: 'Camera', reporting: 'Báo cáo' },
    alerts: 'Cảnh báo',
    noAlerts: 'Không có cảnh báo',
    alertKinds: {
      camera_alert: 'Camera AI',
      congestion: 'Ùn tắc giao thông',
      overdue_dossiers: 'Hồ sơ quá hạn',
      overdue_documents: 'Văn bản quá hạn',
    },
    cameraAlertTypes: {
      intrusion: 'Xâm nhập',
      crowd: 'Tụ tập đông người',
      fire_smoke: 'Khói, cháy',
      traffic_violation: 'Vi phạm giao thông',
      wrong_way: 'Đi ngược chiều',
      accident: 'Tai nạn',
      other: 'Khác',
      slow: 'Chậm',
      heavy: 'Đông',
      standstill: 'Đứng yên',
    },
    acknowledged: 'đã tiếp nhận',
    unacknowledged: 'chưa tiếp nhận',
    ongoing: 'đang diễn ra',
    asOf: 'Số liệu lúc',
    connected: 'Trực tuyến',
    connecting: 'Đang kết nối lại',
    disconnected: 'Mất kết nối',
    staleSince: 'Số liệu cũ, cập nhật lúc',
    updatedAt: 'cập nhật lúc',
    target: 'Chỉ tiêu',
    noTargetPlan: 'Chưa có chỉ tiêu trong kế hoạch',
    noData: {
      no_feed: 'chưa kết nối nguồn dữ liệu',
      no_reference: 'chưa có số liệu gốc',
      empty_denominator: 'chưa phát sinh trong kỳ',
      no_samples: 'chưa phát sinh trong kỳ',
      not_additive: 'không cộng dồn được',
    },
    never: 'chưa có',
    communes: 'Các xã, phường',
    commune: 'Xã, phường',
    status: 'Trạng thái',
    completeness: 'Đủ nguồn',
    silent: 'Im lặng',
    moreCommunes: (n) => `và ${n} xã, phường khác`,
    sortWorst: (mark) => `kém nhất trước theo ${mark}`,
    sortCompleteness: 'thiếu nguồn nhất trước',
    sortName: 'theo tên',
    page: (page, pages) => `trang ${page}/${pages}`,
    worstOf: (shown, total) => `${shown}/${total} chỉ số, cần chú ý trước`,
    attention: 'Chỉ số cần chú ý',
    communesWithoutData: (n) => `${n} xã chưa có dữ liệu`,
    publicView: 'Thông tin công khai',
    periods: { day: 'hôm nay', week: 'tuần này', month: 'tháng này', quarter: 'quý này', year: 'năm nay' },
  },
  en: {
    pillars: {
      digital_government: 'Digital government',
      digital_economy: 'Digital economy',
      digital_society: 'Digital society',
    },
    sources: { qlvb: 'Documents', onestop: 'One-stop', camera: 'Cameras', reporting: 'Reports' },
    alerts: 'Alerts',
    noAlerts: 'No alerts',
    alertKinds: {
      camera_alert: 'AI camera',
      congestion: 'Traffic congestion',
      overdue_dossiers: 'Overdue dossiers',
      overdue_documents: 'Overdue documents',
    },
    cameraAlertTypes: {
      intrusion: 'Intrusion',
      crowd: 'Crowd',
      fire_smoke: 'Fire or smoke',
      traffic_violation: 'Traffic violation',
      wrong_way: 'Wrong way',
      accident: 'Accident',
      other: 'Other',
      slow: 'Slow',
      heavy: 'Heavy',
      standstill: 'Standstill',
    },
    acknowledged: 'acknowledged',
    unacknowledged: 'not acknowledged',
    ongoing: 'ongoing',
    asOf: 'Data as of',
    connected: 'Online',
    connecting: 'Reconnecting',
    disconnected: 'Disconnected',
    staleSince: 'Stale, last updated',
    updatedAt: 'updated',
    target: 'Target',
    noTargetPlan: 'No plan sets a target',
    noData: {
      no_feed: 'source not connected',
      no_reference: 'no reference figure',
      empty_denominator: 'nothing in this period yet',
      no_samples: 'nothing in this period yet',
      not_additive: 'cannot be added up',
    },
    never: 'never',
    communes: 'Communes',
    commune: 'Commune',
    status: 'Status',
    completeness: 'Sources',
    silent: 'Silent',
    moreCommunes: (n) => `and ${n} more communes`,
    sortWorst: (mark) => `worst first by ${mark}`,
    sortCompleteness: 'least complete first',
    sortName: 'by name',
    page: (page, pages) => `page ${page}/${pages}`,
    worstOf: (shown, total) => `${shown} of ${total} indicators, worst first`,
    attention: 'Indicators needing attention',
    communesWithoutData: (n) => `${n} communes without data`,
    publicView: 'Public information',
    periods: {
      day: 'today',
      week: 'this week',
      month: 'this month',
      quarter: 'this quarter',
      year: 'this year',
    },
  },
};
