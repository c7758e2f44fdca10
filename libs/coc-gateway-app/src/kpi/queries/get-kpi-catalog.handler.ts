import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { KpiCatalogEntryDto } from '../kpi-responses.dto';
import { KpiReader, kpiLabels, targetDto } from '../kpi-reader.service';
import { GetKpiCatalogQuery } from './get-kpi-catalog.query';

@QueryHandler(GetKpiCatalogQuery)
export class GetKpiCatalogHandler implements IQueryHandler<GetKpiCatalogQuery, KpiCatalogEntryDto[]> {
  constructor(private readonly reader: KpiReader) {}

  execute(): Promise<KpiCatalogEntryDto[]> {
    return Promise.resolve(
      this.reader.catalog().map((kpi) => ({
        id: kpi.id,
        nameVi: kpi.nameVi,
        nameEn: kpi.nameEn,
        unit: kpi.unit,
        ...kpiLabels(kpi),
        direction: kpi.direction,
        mode: kpi.mode,
        cadence: kpi.cadence,
        sources: [...kpi.sources],
        breakdowns: [...(kpi.breakdowns ?? [])],
        measures: (kpi.measures ?? []).map(({ id, nameVi, nameEn, unit, direction }) => ({
          id,
          nameVi,
          nameEn,
          unit,
          direction,
        })),
        targets: this.reader.targetsOf(kpi).map(targetDto),
        exclusions: kpi.exclusions,
      })),
    );
  }
}
