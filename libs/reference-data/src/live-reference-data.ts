import { AdministrativeHierarchy, type AsOf } from '@libs/admin-units';
import { loadReferenceData, type ReferenceData } from './reference-data';
import type { ReferenceStore } from './store/reference-store.port';

export interface LiveReferenceOptions {
  /** How often the store is asked whether an import was recorded since the last load. */
  refreshMs: number;
  /** How long start-up waits for the store to answer (its tables are created by ingest's migrations). */
  startupWaitMs: number;
  log: { log(message: string): void; error(message: string): void };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * The reference data an app serves with, kept current without a release: loaded at start-up, then
 * every `refreshMs` the latest import id is read (one small query) and, when it moved, everything
 * is reloaded and swapped in at once. A reload that fails is logged and the previous data stays.
 */
export class LiveReferenceData {
  private timer?: NodeJS.Timeout;

  private constructor(
    private readonly store: ReferenceStore,
    private readonly configured: () => AdministrativeHierarchy,
    private readonly options: LiveReferenceOptions,
    private data: ReferenceData,
  ) {}

  static async open(
    store: ReferenceStore,
    configured: () => AdministrativeHierarchy,
    options: LiveReferenceOptions,
  ): Promise<LiveReferenceData> {
    const deadline = Date.now() + options.startupWaitMs;
    for (;;) {
      try {
        const data = await loadReferenceData(store, configured);
        options.log.log(describe(data));
        return new LiveReferenceData(store, configured, options, data);
      } catch (error) {
        if (Date.now() >= deadline) throw error;
        options.log.error(`reference data not readable yet, retrying: ${(error as Error).message}`);
        await sleep(Math.min(1000, options.startupWaitMs));
      }
    }
  }

  current(): ReferenceData {
    return this.data;
  }

  /** Reloads when an import was recorded since the current data; true when it swapped. */
  async refresh(): Promise<boolean> {
    if ((await this.store.latestImportId()) === this.data.version) return false;
    this.data = await loadReferenceData(this.store, this.configured);
    this.options.log.log(describe(this.data));
    return true;
  }

  start(): void {
    this.timer ??= setInterval(() => {
      this.refresh().catch((error: unknown) =>
        this.options.log.error(
          `reference data refresh failed, serving the previous data: ${(error as Error).message}`,
        ),
      );
    }, this.options.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The hierarchy as an AdministrativeHierarchy that always answers from the current data. */
  hierarchy(): AdministrativeHierarchy {
    return new CurrentHierarchy(() => this.data.hierarchy);
  }
}

function describe(data: ReferenceData): string {
  return (
    `reference data ${data.version || '(no import yet)'}: units from the ${data.unitsFrom}, ` +
    `${data.indicators.length} run-time indicators, ${data.targets.length} local targets`
  );
}

/**
 * Delegates every question to the hierarchy of the moment, so the services that were given an
 * AdministrativeHierarchy see a reload without being rebuilt.
 */
export class CurrentHierarchy extends AdministrativeHierarchy {
  constructor(private readonly now: () => AdministrativeHierarchy) {
    super([]);
  }

  override unitAt(code: string, at: AsOf) {
    return this.now().unitAt(code, at);
  }

  override isKnownUnit(code: string, at: AsOf) {
    return this.now().isKnownUnit(code, at);
  }

  override childrenOf(code: string, asOf: AsOf) {
    return this.now().childrenOf(code, asOf);
  }

  override communesUnder(code: string, asOf: AsOf) {
    return this.now().communesUnder(code, asOf);
  }

  override ancestorsOf(code: string, asOf: AsOf) {
    return this.now().ancestorsOf(code, asOf);
  }

  override successorOf(oldCode: string) {
    return this.now().successorOf(oldCode);
  }

  override predecessorsOf(newCode: string) {
    return this.now().predecessorsOf(newCode);
  }
}
