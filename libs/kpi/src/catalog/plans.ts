import type { Plan } from './kpi-target';

/** The plans the first KPI set takes its targets from. */
export const PLANS = {
  benTrePilot2021: {
    name: 'Bến Tre DX pilot plan 2140/KH-UBND (2021)',
    issuer: "Bến Tre Provincial People's Committee",
    seed: '000',
  },
  thapMuoiDistrict2022: {
    name: 'Tháp Mười district DX plan (2022)',
    issuer: "Tháp Mười District People's Committee",
    seed: '001',
  },
  tinhTraCommune2024: {
    name: 'Tịnh Trà commune DX plan (2024)',
    issuer: "Tịnh Trà Commune People's Committee",
    seed: '002',
  },
  dongNaiCommuneGuidance2022: {
    name: 'Đồng Nai commune DX guidance 2588/UBND-KGVX (2022)',
    issuer: "Đồng Nai Provincial People's Committee",
    seed: '004',
  },
} as const satisfies Record<string, Plan>;
