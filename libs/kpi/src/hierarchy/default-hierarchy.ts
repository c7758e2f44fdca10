/**
 * The administrative units the apps start with when COC_UNITS_CSV is not set, compiled in so the
 * bundled apps need no file at run time. It is the test fixture (`fixtures/units.csv`) with one
 * difference, checked by its spec: communes 26737 and 26743 are kept after the 1 July 2025
 * reform instead of being merged, because the simulator and the ingest tests publish current
 * events for them. A deployment sets COC_UNITS_CSV and COC_UNIT_MAPPINGS_CSV to the national list.
 */
export const DEFAULT_UNITS_CSV = `code,name,level,parent_code,valid_from,valid_to
26,Tỉnh Vĩnh Phúc,province,,2000-01-01,2025-06-30
248,Huyện Tam Đảo,district,26,2000-01-01,2025-06-30
249,Huyện Bình Xuyên,district,26,2000-01-01,2025-06-30
26734,Xã Hợp Châu,commune,248,2000-01-01,2025-06-30
26737,Xã Hồ Sơn,commune,248,2000-01-01,2025-06-30
26740,Xã Hương Sơn,commune,249,2000-01-01,2025-06-30
26743,Xã Thanh Lãng,commune,249,2000-01-01,2025-06-30
25,Tỉnh Phú Thọ,province,,2025-07-01,
26734,Xã Tam Đảo,commune,25,2025-07-01,
26737,Xã Hồ Sơn,commune,25,2025-07-01,
26740,Xã Bình Xuyên,commune,25,2025-07-01,
26743,Xã Thanh Lãng,commune,25,2025-07-01,
`;

export const DEFAULT_UNIT_MAPPINGS_CSV = `old_code,new_code,valid_from
26,25,2025-07-01
26734,26734,2025-07-01
26737,26737,2025-07-01
26740,26740,2025-07-01
26743,26743,2025-07-01
`;
