import { IsArray, IsIn, IsISO8601, IsString, Matches, MaxLength } from 'class-validator';
import { SOURCE_IDS, type SourceId } from '../sources';
import { UNIT_CODE_PATTERN } from '../unit-code';

/**
 * Published by ingest after facts are stored: which unit, which event types and which span of
 * event time changed. Consumers recompute from ClickHouse; the notice itself carries no numbers,
 * so a lost or repeated notice never makes a KPI wrong, only late.
 * A class so the AsyncAPI document describes it from the same rules as the events.
 */
export class KpiInputsChanged {
  @Matches(UNIT_CODE_PATTERN)
  unitCode!: string;

  @IsIn(SOURCE_IDS)
  source!: SourceId;

  @IsArray()
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  types!: string[];

  /** Earliest and latest event time among the stored facts, ISO 8601. */
  @IsISO8601({ strict: true })
  from!: string;

  @IsISO8601({ strict: true })
  to!: string;

  @IsISO8601({ strict: true })
  storedAt!: string;
}
