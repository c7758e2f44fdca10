import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsString, Max, Min } from 'class-validator';
import { KPI_CATALOG } from '@libs/kpi';
import { EnvInt, EnvList } from '@libs/platform';

/** Wall-screen settings. */
export class LiveScreenEnv {
  /** A tile is recomputed at most this often, however many notices arrive. */
  @EnvInt()
  @IsInt()
  @Min(50)
  @Max(60_000)
  COC_SCREEN_COALESCE_MS = 1_000;

  /** How often freshness, open-and-overdue states and alerts are re-judged without events. */
  @EnvInt()
  @IsInt()
  @Min(1_000)
  COC_SCREEN_TICK_MS = 30_000;

  /** How far back the alerts panel looks for camera alerts and congestion. */
  @EnvInt()
  @IsInt()
  @Min(1)
  @Max(168)
  COC_SCREEN_ALERT_WINDOW_HOURS = 24;

  /**
   * The KPIs a district or province screen lists per commune, comma-separated; the first one ranks
   * the communes worst first. At most four: a TV row stays legible from across a room.
   */
  @EnvList()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @IsIn(KPI_CATALOG.map((k) => k.id), { each: true })
  COC_SCREEN_COMMUNE_KPIS: string[] = [
    'tthc_dossiers_on_central_onestop_pct',
    'tthc_dossiers_fully_online_pct',
    'docs_exchanged_online_pct',
  ];

  /** Minutes each source may stay silent before its tiles turn stale (JSON, see README). */
  @IsString()
  COC_SCREEN_SOURCE_CADENCE = '';

  /** New screen connections admitted per second, in bursts of at most COC_SCREEN_ADMIT_BURST. */
  @EnvInt()
  @IsInt()
  @Min(1)
  COC_SCREEN_ADMIT_PER_SECOND = 20;

  @EnvInt()
  @IsInt()
  @Min(1)
  COC_SCREEN_ADMIT_BURST = 40;

  @EnvInt()
  @IsInt()
  @Min(1)
  COC_SCREEN_MAX_CONNECTIONS = 2_000;
}
