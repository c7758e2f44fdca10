import Ajv, { type JSONSchemaType } from 'ajv';
import { PILLARS, type Pillar } from '@libs/contracts';
import {
  KPI_CATALOG,
  PERCENT_SCALE,
  REPORTED_ROLL_UPS,
  defineKpi,
  type KpiCadence,
  type KpiDefinition,
  type KpiDirection,
  type ReportedRollUp,
} from '@libs/kpi';
import { InvalidImportError, type ImportProblem } from '../table/import-problem';

/** One socio-economic indicator a unit reports itself, defined as data (see the example catalog). */
export interface IndicatorSpec {
  id: string;
  nameVi: string;
  nameEn: string;
  /** As written for people: `%`, `tỷ đồng`, `triệu đồng/người/năm`, `tiêu chí`. */
  unit: string;
  direction: KpiDirection;
  pillar: string;
  /** The wall-screen column; without it, the one `pillar` names (see screenPillarOf). */
  screenPillar?: Pillar;
  cadence: KpiCadence;
  /**
   * `ratio`: value = scale × ΣN / ΣD over the reported numerators and denominators; scale 100 for a
   * `%` (the default there), 1 for a figure per head, 1000 for a rate per thousand.
   */
  rollUp: { kind: ReportedRollUp; denominator?: string; scale?: number };
  notes?: string;
}

export interface IndicatorCatalog {
  /** True for a catalog that only shows the format; it is loaded like any other. */
  example?: boolean;
  description?: string;
  indicators: IndicatorSpec[];
}

const CADENCES: KpiCadence[] = ['daily', 'weekly', 'monthly', 'quarterly', 'half_yearly', 'yearly'];

const schema: JSONSchemaType<IndicatorCatalog> = {
  type: 'object',
  additionalProperties: false,
  required: ['indicators'],
  properties: {
    example: { type: 'boolean', nullable: true },
    description: { type: 'string', nullable: true },
    indicators: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'nameVi', 'nameEn', 'unit', 'direction', 'pillar', 'cadence', 'rollUp'],
        properties: {
          id: { type: 'string', pattern: '^[a-z][a-z0-9]*(_[a-z0-9]+)*$', maxLength: 64 },
          nameVi: { type: 'string', minLength: 1 },
          nameEn: { type: 'string', minLength: 1 },
          unit: { type: 'string', minLength: 1, maxLength: 40 },
          direction: { type: 'string', enum: ['higher_is_better', 'lower_is_better'] },
          pillar: { type: 'string', minLength: 1 },
          screenPillar: { type: 'string', enum: [...PILLARS], nullable: true },
          cadence: { type: 'string', enum: CADENCES },
          rollUp: {
            type: 'object',
            additionalProperties: false,
            required: ['kind'],
            properties: {
              kind: { type: 'string', enum: [...REPORTED_ROLL_UPS] },
              denominator: { type: 'string', minLength: 1, nullable: true },
              scale: { type: 'number', exclusiveMinimum: 0, nullable: true },
            },
          },
          notes: { type: 'string', nullable: true },
        },
      },
    },
  },
};

const validate = new Ajv({ allErrors: true }).compile(schema);

/**
 * A catalog of run-time indicators, checked as a whole: the shape, ids unique and never a built-in
 * KPI's, and each one a valid KPI definition (a ratio of sums names its denominator, and its scale
 * unless it is a %).
 */
export function parseIndicatorCatalog(text: string): IndicatorCatalog {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidImportError([{ message: `not JSON: ${(error as Error).message}` }]);
  }
  if (!validate(json)) {
    throw new InvalidImportError(
      (validate.errors ?? []).map((e) => ({
        message: `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`,
      })),
    );
  }
  const problems: ImportProblem[] = [];
  const seen = new Set<string>();
  json.indicators.forEach((spec, i) => {
    const at = (message: string) => problems.push({ message: `/indicators/${i} (${spec.id}): ${message}` });
    if (KPI_CATALOG.some((kpi) => kpi.id === spec.id)) at('the id is a built-in KPI’s; choose another');
    if (seen.has(spec.id)) at('the id is defined twice');
    seen.add(spec.id);
    if (spec.rollUp.kind === 'ratio' && !spec.rollUp.denominator) at('a ratio of sums names its denominator');
    try {
      definitionOf(spec);
    } catch (error) {
      at((error as Error).message);
    }
  });
  if (problems.length > 0) throw new InvalidImportError(problems);
  return json;
}

const ROLL_UP_TEXT: Record<ReportedRollUp, (spec: IndicatorSpec) => string> = {
  sum: () => 'a parent is the sum of its units',
  ratio: (spec) =>
    `a parent is ${spec.rollUp.scale ?? PERCENT_SCALE} × ΣN / ΣD (never an average of its units' values), D being ${spec.rollUp.denominator ?? ''}`,
  not_additive: () => 'not additive: shown per unit only, a parent has no value',
};

/** The usual names of the plans' pillars in a catalog's `pillar`, as wall-screen columns. */
const SCREEN_PILLAR_OF: Readonly<Record<string, Pillar>> = {
  chinh_quyen: 'digital_government',
  chinh_quyen_so: 'digital_government',
  kinh_te: 'digital_economy',
  kinh_te_so: 'digital_economy',
  xa_hoi: 'digital_society',
  xa_hoi_so: 'digital_society',
};

/**
 * The wall-screen column of a unit's own indicator: its `screenPillar`, else the pillar its `pillar`
 * names (a screen pillar's id or its Vietnamese name), else Xã hội số: a socio-economic report's
 * other sectors (new rural criteria, health, education…) are the society the plans' third pillar covers.
 */
export function screenPillarOf(spec: Pick<IndicatorSpec, 'pillar' | 'screenPillar'>): Pillar {
  if (spec.screenPillar) return spec.screenPillar;
  const named = PILLARS.find((p) => p === spec.pillar);
  return named ?? SCREEN_PILLAR_OF[spec.pillar] ?? 'digital_society';
}

/** The KPI a run-time indicator is: a reported figure, with no target until a document gives one. */
export function definitionOf(spec: IndicatorSpec): KpiDefinition {
  return defineKpi({
    id: spec.id,
    nameVi: spec.nameVi,
    nameEn: spec.nameEn,
    unit: spec.unit === '%' ? '%' : 'amount',
    unitLabel: spec.unit,
    direction: spec.direction,
    sources: ['reporting'],
    mode: 'reported',
    cadence: spec.cadence,
    formula: {
      kind: 'reported',
      indicatorId: spec.id,
      rollUp: spec.rollUp.kind,
      ...(spec.rollUp.scale === undefined ? {} : { scale: spec.rollUp.scale }),
    },
    targets: [],
    exclusions: [
      `A unit's own indicator, reported as reporting.indicator.reported (the highest revision of the latest period wins); ${ROLL_UP_TEXT[spec.rollUp.kind](spec)}.`,
      spec.notes,
    ]
      .filter((part) => part)
      .join(' '),
    origin: 'local',
    pillar: spec.pillar,
    screenPillar: screenPillarOf(spec),
  });
}
