import {
  Inject,
  Logger,
  NotFoundException,
  UseFilters,
  UseGuards,
  type OnModuleDestroy,
} from '@nestjs/common';
import {
  AUDIT_APP,
  AUDIT_TRAIL,
  AccessGuard,
  Allow,
  SCOPE_HIERARCHY,
  SocketAuditFilter,
  auditHandshake,
  recordSocketEvent,
  type AuditTrail,
  type ScopeHierarchy,
} from '@libs/access';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Subscription } from 'rxjs';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Histogram } from 'prom-client';
import type { Namespace, Server, Socket } from 'socket.io';
import {
  SCREEN_AUDIENCES,
  WALL_SCREEN_NAMESPACE,
  isUnitCodeFormat,
  screenRoom,
  type ClientToServerEvents,
  type ScreenAudience,
  type ServerToClientEvents,
  type SubscribeReply,
} from '@libs/contracts';
import { METRIC } from '@libs/observability';
import { AdmissionGate } from './admission';
import { LiveScreenEnv } from './live-screen.env';
import { LiveScreens } from './live-screens.service';
import { authenticateScreen, type ScreenSocketData } from './screen-access';
import { subscriptionAudit } from './subscription-audit';
import type { ScreenState } from './screen-state';

type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, object, ScreenSocketData>;
type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, object, ScreenSocketData>;

/**
 * The socket.io adapter of the wall screens: admission and authentication at the handshake
 * (AccessIoAdapter checks the credential first; every handler passes AccessGuard),
 * `subscribe` (snapshot or missed deltas), and the numbered deltas pushed to each screen's room.
 * Audited: refused handshakes, every subscribe answered or refused (a snapshot with its asOf and
 * KPIs); the deltas that follow a snapshot are not entries of their own.
 */
// CORS and the origin check are AccessIoAdapter's (COC_CORS_ORIGINS).
@WebSocketGateway({ namespace: WALL_SCREEN_NAMESPACE })
@UseGuards(AccessGuard)
@UseFilters(SocketAuditFilter)
export class LiveGateway implements OnGatewayInit, OnGatewayDisconnect, OnModuleDestroy {
  private readonly logger = new Logger(LiveGateway.name);
  private readonly gate: AdmissionGate;
  private subscription?: Subscription;
  @WebSocketServer() private readonly server!: LiveServer;

  constructor(
    private readonly screens: LiveScreens,
    env: LiveScreenEnv,
    @Inject(SCOPE_HIERARCHY) private readonly hierarchy: ScopeHierarchy,
    @InjectMetric(METRIC.noticeToEmitSeconds.name) private readonly noticeToEmit: Histogram,
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
    @Inject(AUDIT_APP) private readonly app: string,
  ) {
    this.gate = new AdmissionGate(
      env.COC_SCREEN_ADMIT_PER_SECOND,
      env.COC_SCREEN_ADMIT_BURST,
      env.COC_SCREEN_MAX_CONNECTIONS,
    );
  }

  afterInit(server: LiveServer): void {
    const admission = (socket: LiveSocket, next: (error?: Error) => void) => {
      const waitMs = this.gate.admit();
      if (waitMs > 0) {
        // The page reads retryAfterMs and waits that long plus jitter before trying again.
        const refused = new Error('busy: too many screens connecting, retry later') as Error & {
          data: { retryAfterMs: number };
        };
        refused.data = { retryAfterMs: waitMs };
        return next(refused);
      }
      socket.data.admitted = true;
      authenticateScreen(socket, this.hierarchy).then(
        () => next(),
        (error: unknown) => {
          this.gate.release();
          socket.data.admitted = false;
          next(error instanceof Error ? error : new Error(String(error)));
        },
      );
    };
    server.use(auditHandshake(admission, this.audit, this.app));
    this.subscription = this.screens.deltas.subscribe(({ unitCode, audience, delta, noticeStoredAt }) => {
      server.to(screenRoom(unitCode, audience)).emit('screen:delta', delta);
      if (noticeStoredAt !== undefined)
        this.noticeToEmit.observe(Math.max(0, Date.now() - noticeStoredAt) / 1000);
    });
  }

  /** Connected screens and screen rooms of this instance (a socket's own room is not a screen room). */
  stats(): { screens: number; rooms: number } {
    // Before the server is up (e.g. a scrape during start-up) there is nothing connected.
    const namespace = this.server as unknown as Namespace | undefined;
    if (!namespace) return { screens: 0, rooms: 0 };
    const rooms = [...namespace.adapter.rooms.keys()].filter((room) => !namespace.sockets.has(room));
    return { screens: namespace.sockets.size, rooms: rooms.length };
  }

  handleDisconnect(socket: LiveSocket): void {
    if (socket.data.admitted) this.gate.release();
    const joined = socket.data.screen;
    if (joined) this.screens.leave(joined.unitCode, joined.audience);
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  /** Joins a unit's screen: a snapshot, or only the deltas missed since `resume`; audited either way. */
  @SubscribeMessage('subscribe')
  @Allow('screen', 'viewer', 'ioc', 'admin')
  async subscribe(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() body: unknown,
  ): Promise<SubscribeReply> {
    const reply: SubscribeReply = this.audit.admit()
      ? await this.answer(socket, body)
      : { ok: false, error: 'busy: audit trail unavailable, retry later', retryAfterMs: 5_000 };
    recordSocketEvent(this.audit, this.app, socket, subscriptionAudit(body, reply));
    return reply;
  }

  private async answer(socket: LiveSocket, body: unknown): Promise<SubscribeReply> {
    const request = (body ?? {}) as { unitCode?: unknown; audience?: unknown; resume?: unknown };
    const { unitCode } = request;
    if (typeof unitCode !== 'string' || !isUnitCodeFormat(unitCode)) {
      return { ok: false, error: 'unitCode must be an official unit code of 2, 3 or 5 digits' };
    }
    const audience = (request.audience ?? 'officials') as ScreenAudience;
    if (!SCREEN_AUDIENCES.includes(audience))
      return { ok: false, error: 'audience must be officials or public' };
    const refusal = socket.data.mayView?.(unitCode, audience);
    if (refusal) return { ok: false, error: refusal };
    const previous = socket.data.screen;
    if (previous && (previous.unitCode !== unitCode || previous.audience !== audience)) {
      await socket.leave(screenRoom(previous.unitCode, previous.audience));
      this.screens.leave(previous.unitCode, previous.audience);
      socket.data.screen = undefined;
    }
    let state: ScreenState;
    try {
      state = socket.data.screen
        ? await this.screens.state(unitCode, audience)
        : await this.screens.join(unitCode, audience);
    } catch (error) {
      // A unit the hierarchy does not know is the screen's mistake, told to it; anything else propagates.
      if (error instanceof NotFoundException) return { ok: false, error: error.message };
      throw error;
    }
    if (!socket.data.screen) {
      if (socket.disconnected) {
        this.screens.leave(unitCode, audience);
        return { ok: false, error: 'disconnected' };
      }
      socket.data.screen = { unitCode, audience };
      await socket.join(screenRoom(unitCode, audience));
    }
    const resume = request.resume as { stream?: unknown; seq?: unknown } | undefined;
    if (resume && typeof resume.stream === 'string' && typeof resume.seq === 'number') {
      const deltas = state.since(resume.stream, resume.seq);
      if (deltas) return { ok: true, deltas };
    }
    this.logger.debug(`snapshot ${unitCode}/${audience} to ${socket.id}`);
    return { ok: true, snapshot: state.snapshot() };
  }
}
