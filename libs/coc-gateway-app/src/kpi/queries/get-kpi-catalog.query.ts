import { Query } from '@nestjs/cqrs';
import type { KpiCatalogEntryDto } from '../kpi-responses.dto';

/** Every KPI of the catalog, with its targets and where they come from. */
export class GetKpiCatalogQuery extends Query<KpiCatalogEntryDto[]> {}
