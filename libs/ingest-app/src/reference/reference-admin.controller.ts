import {
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseEnumPipe,
  Post,
  Query,
  Req,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { IncomingMessage } from 'node:http';
import { Allow, CurrentPrincipal, type Principal } from '@libs/access';
import {
  InvalidImportError,
  REFERENCE_KINDS,
  REFERENCE_STORE,
  ReferenceDataSource,
  importReference,
  type ImportRecord,
  type ImportReport,
  type ReferenceKind,
  type ReferenceStore,
} from '@libs/reference-data';

/** The largest file an import accepts: a national units list as XLSX is a few MB. */
const MAX_FILE_BYTES = 32 * 1024 * 1024;

/**
 * The admin API of reference data: the same imports as `coc reference`, with the same checks,
 * dry run and all-or-nothing storage. The file is the raw request body (CSV, XLSX or JSON).
 * It lives in ingest, the schema's owner, so that coc-gateway holds no write path and runs as a
 * read-only ClickHouse user. Loaded data is live here at once, in the other apps within their refresh.
 */
@ApiTags('reference data (admin)')
@Controller('api/v1/admin/reference')
@Allow('admin')
export class ReferenceAdminController {
  constructor(
    @Inject(REFERENCE_STORE) private readonly store: ReferenceStore,
    private readonly source: ReferenceDataSource,
  ) {}

  @Post(':kind')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Load reference data: units (statistics-office list, with effective), mappings, rosters, targets, indicators',
  })
  async load(
    @Param('kind', new ParseEnumPipe(REFERENCE_KINDS)) kind: ReferenceKind,
    @Query('document') document: string | undefined,
    @Query('effective') effective: string | undefined,
    @Query('fileName') fileName: string | undefined,
    @Query('dryRun') dryRun: string | undefined,
    @Req() request: IncomingMessage,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ImportReport> {
    if (principal.units !== 'all') {
      throw new ForbiddenException(
        'reference data is shared by every unit: it needs an admin key for all units',
      );
    }
    const bytes = await bodyOf(request);
    try {
      const report = await importReference(
        this.store,
        {
          kind,
          fileName: fileName ?? (isXlsx(request) ? `${kind}.xlsx` : `${kind}.csv`),
          bytes,
          effectiveFrom: effective,
          sourceDocument: document ?? '',
          loadedBy: principal.id,
          dryRun: dryRun === 'true',
        },
        () => this.source.current().hierarchy,
      );
      if (!report.dryRun) await this.source.refresh();
      return report;
    } catch (error) {
      if (error instanceof InvalidImportError) {
        throw new UnprocessableEntityException({
          message: 'refused, nothing stored',
          problems: error.problems,
        });
      }
      throw error;
    }
  }

  @Get('imports')
  @ApiOperation({ summary: 'Every import, oldest first: kind, when, by whom, from which document' })
  imports(): Promise<ImportRecord[]> {
    return this.store.imports();
  }
}

function isXlsx(request: IncomingMessage): boolean {
  return (request.headers['content-type'] ?? '').includes('spreadsheetml');
}

/** The raw body, whatever its type (a JSON catalog too): main.ts leaves this route's body unparsed. */
async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FILE_BYTES)
      throw new UnprocessableEntityException(`the file is over ${MAX_FILE_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
