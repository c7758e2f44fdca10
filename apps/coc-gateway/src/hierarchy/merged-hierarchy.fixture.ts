import { AdministrativeHierarchy } from '@libs/kpi';

/** The libs/kpi hierarchy fixture: 26737 merges into 26734 and 26743 into 26740 on 1 July 2025. */
export const mergedHierarchy = (): AdministrativeHierarchy =>
  AdministrativeHierarchy.fromCsv(
    `code,name,level,parent_code,valid_from,valid_to
26,Tỉnh Vĩnh Phúc,province,,2000-01-01,2025-06-30
248,Huyện Tam Đảo,district,26,2000-01-01,2025-06-30
249,Huyện Bình Xuyên,district,26,2000-01-01,2025-06-30
26734,Xã Hợp Châu,commune,248,2000-01-01,2025-06-30
26737,Xã Hồ Sơn,commune,248,2000-01-01,2025-06-30
26740,Xã Hương Sơn,commune,249,2000-01-01,2025-06-30
26743,Xã Thanh Lãng,commune,249,2000-01-01,2025-06-30
25,Tỉnh Phú Thọ,province,,2025-07-01,
26734,Xã Tam Đảo,commune,25,2025-07-01,
26740,Xã Bình Xuyên,commune,25,2025-07-01,
`,
    `old_code,new_code,valid_from
26,25,2025-07-01
26734,26734,2025-07-01
26737,26734,2025-07-01
26740,26740,2025-07-01
26743,26740,2025-07-01
`,
  );
