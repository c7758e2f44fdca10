import type { Plan } from './kpi-target';

/** The plans the first KPI set takes its targets from. */
export const PLANS = {
  benTrePilot2021: {
    name: 'Bến Tre DX pilot plan 2140/KH-UBND (2021)',
    issuer: "Bến Tre Provincial People's Committee",
    reference: 'Kế hoạch 2140/KH-UBND ngày 22/4/2021 của UBND tỉnh Bến Tre',
  },
  thapMuoiDistrict2022: {
    name: 'Tháp Mười district DX plan (2022)',
    issuer: "Tháp Mười District People's Committee",
    reference: 'Kế hoạch (chưa ghi số) năm 2022 của UBND huyện Tháp Mười',
  },
  tinhTraCommune2024: {
    name: 'Tịnh Trà commune DX plan (2024)',
    issuer: "Tịnh Trà Commune People's Committee",
    reference: 'Kế hoạch (chưa ghi số) ngày 26/4/2024 của UBND xã Tịnh Trà',
  },
  dongNaiCommuneGuidance2022: {
    name: 'Đồng Nai commune DX guidance 2588/UBND-KGVX (2022)',
    issuer: "Đồng Nai Provincial People's Committee",
    reference: 'Công văn 2588/UBND-KGVX ngày 15/3/2022 của UBND tỉnh Đồng Nai',
  },
} as const satisfies Record<string, Plan>;
