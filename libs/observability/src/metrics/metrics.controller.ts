import { Controller, Get, Res } from '@nestjs/common';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import { Allow } from '@libs/access';

type Response = Parameters<PrometheusController['index']>[0];

/** GET /metrics in the Prometheus text format; topology and volumes are for administrators only. */
@Controller()
export class MetricsController extends PrometheusController {
  @Get()
  @Allow('admin')
  override index(@Res({ passthrough: true }) response: Response): Promise<string> {
    return super.index(response);
  }
}
