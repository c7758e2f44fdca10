import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { KPI_CATALOG } from '@libs/kpi';
import type { KpiCatalogEntryDto } from '../kpi-responses.dto';
import { targetDto } from '../kpi-reader.service';
import { GetKpiCatalogQuery } from './get-kpi-catalog.query';

@QueryHandler(GetKpiCatalogQuery)
export class GetKpiCatalogHandler implements IQueryHandler<GetKpiCatalogQuery, KpiCatalogEntryDto[]> {
  execute(): Promise<KpiCatalogEntryDto[]> {
    return Promise.resolve(
      KPI_CATALOG.map((kpi) => ({
        id: kpi.id,
        nameVi: kpi.nameVi,
        nameEn: kpi.nameEn,
        unit: kpi.unit,
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
        targets: kpi.targets.map(targetDto),
        exclusions: kpi.exclusions,
      })),
    );
  }
}
