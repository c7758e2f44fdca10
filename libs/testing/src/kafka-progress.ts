import type { Admin } from 'kafkajs';

/** Records on a topic now (high minus low watermark, all partitions). */
export async function topicMessageCount(admin: Admin, topic: string): Promise<number> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
}

/** Records on a topic that a consumer group has not yet committed. */
export async function groupLag(admin: Admin, groupId: string, topic: string): Promise<number> {
  const [ends, [committed]] = await Promise.all([
    admin.fetchTopicOffsets(topic),
    admin.fetchOffsets({ groupId, topics: [topic] }),
  ]);
  const done = new Map(committed.partitions.map((p) => [p.partition, Number(p.offset)]));
  return ends.reduce(
    (sum, p) => sum + Number(p.high) - Math.max(Number(p.low), done.get(p.partition) ?? -1),
    0,
  );
}
