/**
 * The administrative units the apps start with when COC_UNITS_CSV is not set: the fixture
 * (`fixtures/units.csv`, `fixtures/unit-mappings.csv`) compiled in, so the bundled apps need no file
 * at run time. Province 26 with districts 248 and 249 and communes 26734, 26737, 26740 and 26743
 * until 30 June 2025; from 1 July 2025 province 25 with communes 26734 (26734 + 26737) and 26740
 * (26740 + 26743). A deployment sets COC_UNITS_CSV and COC_UNIT_MAPPINGS_CSV to the national list.
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
26740,Xã Bình Xuyên,commune,25,2025-07-01,
`;

export const DEFAULT_UNIT_MAPPINGS_CSV = `old_code,new_code,valid_from
26,25,2025-07-01
26734,26734,2025-07-01
26737,26734,2025-07-01
26740,26740,2025-07-01
26743,26740,2025-07-01
`;
