import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A made-up post-2025 map (provinces of communes, no districts), as the apps read it from COC_UNITS_CSV. */
export interface BenchHierarchy {
  readonly unitsCsv: string;
  readonly provinces: readonly string[];
  /** Every commune, province by province. */
  readonly communes: readonly string[];
  readonly communesOf: (province: string) => readonly string[];
}

const FIRST_PROVINCE = 40;

/**
 * `communes` communes spread evenly over `provinces` provinces (codes 40…, communes `<province><nnn>`),
 * written as a units CSV valid from the 2025 reform on.
 */
export function benchHierarchy(provinces: number, communes: number): BenchHierarchy {
  if (provinces < 1 || provinces > 59) throw new RangeError('1 to 59 provinces');
  const perProvince = Math.ceil(communes / provinces);
  if (perProvince > 999) throw new RangeError('at most 999 communes per province');
  const lines = ['code,name,level,parent_code,valid_from,valid_to'];
  const byProvince = new Map<string, string[]>();
  for (let p = 0; p < provinces; p += 1) {
    const province = String(FIRST_PROVINCE + p);
    lines.push(`${province},Tỉnh Đo ${province},province,,2025-07-01,`);
    byProvince.set(province, []);
  }
  const all: string[] = [];
  for (let c = 0; c < communes; c += 1) {
    const province = String(FIRST_PROVINCE + (c % provinces));
    const siblings = byProvince.get(province) ?? [];
    const code = `${province}${String(siblings.length + 1).padStart(3, '0')}`;
    siblings.push(code);
    all.push(code);
    lines.push(`${code},Xã Đo ${code},commune,${province},2025-07-01,`);
  }
  const unitsCsv = join(mkdtempSync(join(tmpdir(), 'coc-bench-units-')), 'units.csv');
  writeFileSync(unitsCsv, `${lines.join('\n')}\n`);
  return {
    unitsCsv,
    provinces: [...byProvince.keys()],
    communes: all,
    communesOf: (province) => byProvince.get(province) ?? [],
  };
}
