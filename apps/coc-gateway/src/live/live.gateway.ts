import { Logger } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import {
  WALL_SCREEN_NAMESPACE,
  isUnitCodeFormat,
  unitRoom,
  type ClientToServerEvents,
  type LiveFigure,
  type ServerToClientEvents,
  type SubscribeReply,
} from '@libs/contracts';
import { localDateOf } from '@libs/admin-units';
import { GetDailyEventCountsQuery } from '../event-counts/get-daily-event-counts.query';

type LiveServer = Server<ClientToServerEvents, ServerToClientEvents>;
type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

@WebSocketGateway({ namespace: WALL_SCREEN_NAMESPACE, cors: { origin: true } })
export class LiveGateway {
  private readonly logger = new Logger(LiveGateway.name);
  @WebSocketServer() private readonly server!: LiveServer;

  constructor(private readonly queries: QueryBus) {}

  /** Joins the unit's room and answers with today's figures, so the screen never starts blank. */
  @SubscribeMessage('subscribe')
  async subscribe(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() body: unknown,
  ): Promise<SubscribeReply> {
    const unitCode = (body as { unitCode?: unknown } | null)?.unitCode;
    if (typeof unitCode !== 'string' || !isUnitCodeFormat(unitCode)) {
      return { ok: false, error: 'unitCode must be an official unit code of 2, 3 or 5 digits' };
    }
    await socket.join(unitRoom(unitCode));
    const figures = await this.queries.execute(
      new GetDailyEventCountsQuery(unitCode, localDateOf(new Date())),
    );
    return { ok: true, figures };
  }

  async hasSubscribers(unitCode: string): Promise<boolean> {
    return (await this.server.in(unitRoom(unitCode)).fetchSockets()).length > 0;
  }

  push(figure: LiveFigure): void {
    this.logger.debug(`push ${figure.unitCode} ${figure.metric}=${figure.value}`);
    this.server.to(unitRoom(figure.unitCode)).emit('kpi:update', figure);
  }
}
