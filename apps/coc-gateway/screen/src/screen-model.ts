import type { ScreenDelta, ScreenSnapshot, SubscribeReply } from '@libs/contracts/wall-screen';

/** What the page holds: the last snapshot with every delta applied, in order. */
export type ScreenModel = ScreenSnapshot;

/** What to do with an incoming delta. */
export type DeltaOutcome =
  | { kind: 'applied'; model: ScreenModel }
  | { kind: 'ignored' }
  /** A number was skipped or the stream changed: ask the gateway for what was missed. */
  | { kind: 'gap'; resume?: { stream: string; seq: number } };

export function applyDelta(model: ScreenModel, delta: ScreenDelta): ScreenModel {
  const next: ScreenModel = { ...model, seq: delta.seq, asOf: delta.asOf };
  if (delta.date) next.date = delta.date;
  if (delta.tiles) {
    const byId = new Map(delta.tiles.map((t) => [t.kpiId, t]));
    next.tiles = model.tiles.map((t) => byId.get(t.kpiId) ?? t);
  }
  if (delta.sources) next.sources = delta.sources;
  if (delta.alerts) next.alerts = delta.alerts;
  if (delta.communes) next.communes = delta.communes;
  return next;
}

/** Applies a delta only when it is the next number of the stream the page follows. */
export function receiveDelta(model: ScreenModel | undefined, delta: ScreenDelta): DeltaOutcome {
  if (!model) return { kind: 'ignored' };
  if (delta.stream !== model.stream) return { kind: 'gap' };
  if (delta.seq <= model.seq) return { kind: 'ignored' };
  if (delta.seq > model.seq + 1) return { kind: 'gap', resume: { stream: model.stream, seq: model.seq } };
  return { kind: 'applied', model: applyDelta(model, delta) };
}

/** The page's model after a subscribe answer: a snapshot replaces it, missed deltas are applied in order. */
export function receiveReply(model: ScreenModel | undefined, reply: SubscribeReply): ScreenModel | undefined {
  if (!reply.ok) return model;
  if ('snapshot' in reply) return reply.snapshot;
  let next = model;
  for (const delta of reply.deltas) {
    const outcome = receiveDelta(next, delta);
    if (outcome.kind === 'applied') next = outcome.model;
  }
  return next;
}
