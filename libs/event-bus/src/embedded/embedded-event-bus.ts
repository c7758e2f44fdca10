import { Logger } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type {
  BatchHandler,
  EventBus,
  GroupConsumer,
  GroupConsumerOptions,
  PartitionOffsets,
  TopicMessages,
} from '@libs/event-bus-port';
import { lockDirectory } from '@libs/platform';
import { syncDirectory } from './durable-files';
import { EmbeddedGroupConsumer } from './embedded-group-consumer';
import { GroupOffsets } from './group-offsets';
import { TopicLog, type TopicLogOptions } from './topic-log';

export interface EmbeddedBusOptions extends TopicLogOptions {
  /** The bus's own directory (COC_DATA_DIR/bus). */
  directory: string;
}

/** Topic names become directory names: nothing that could leave the directory. */
const TOPIC_NAME = /^[A-Za-z0-9._-]+$/;

const LOCK_HINT =
  'the embedded event bus admits one process per data directory. Stop that process, run ingest, ' +
  'coc-gateway and ioc-sync in one process (coc-embedded), give this one its own COC_DATA_DIR, or set ' +
  'KAFKA_BROKERS to share a Kafka cluster.';

/**
 * The event bus of the embedded mode, in this process and durable: per topic an append-only log
 * (TopicLog) under `<directory>/topics`, per consumer group its committed offsets under
 * `<directory>/groups`. A publish resolves once fsynced, so whatever was acknowledged survives a
 * crash; consumers resume from their last commit. One process per directory, held by a lock file.
 */
export class EmbeddedEventBus implements EventBus {
  private readonly logger = new Logger('EmbeddedEventBus');
  private readonly topics = new Map<string, Promise<TopicLog>>();
  private readonly groups = new Map<string, Promise<GroupOffsets>>();
  private readonly consumers = new Set<EmbeddedGroupConsumer>();
  private closed = false;

  private constructor(
    private readonly options: EmbeddedBusOptions,
    private readonly unlock: () => void,
  ) {}

  /** Takes the directory's lock (failing clearly if another live process holds it). */
  static open(options: EmbeddedBusOptions): EmbeddedEventBus {
    const directory = resolve(options.directory);
    mkdirSync(directory, { recursive: true });
    const unlock = lockDirectory(join(directory, 'bus.lock'), LOCK_HINT);
    return new EmbeddedEventBus({ ...options, directory }, unlock);
  }

  async publish(batches: readonly TopicMessages[]): Promise<void> {
    this.checkOpen();
    await Promise.all(
      batches
        .filter((b) => b.messages.length > 0)
        .map(async (b) => (await this.topic(b.topic)).append(b.messages)),
    );
  }

  async ensureTopics(topics: readonly string[]): Promise<void> {
    this.checkOpen();
    for (const topic of topics) {
      if (this.topics.has(topic)) continue;
      const directory = this.topicDirectory(topic);
      await mkdir(directory, { recursive: true });
      await syncDirectory(join(this.options.directory, 'topics'));
      await this.topic(topic);
    }
  }

  groupConsumer(options: GroupConsumerOptions, handler: BatchHandler): GroupConsumer {
    const consumer = new EmbeddedGroupConsumer(
      { topic: (name) => this.topic(name), group: (id) => this.group(id) },
      options,
      handler,
    );
    this.consumers.add(consumer);
    return consumer;
  }

  async groupOffsets(groupId: string, topics: readonly string[]): Promise<PartitionOffsets[]> {
    const group = await this.group(groupId);
    return Promise.all(
      topics.map(async (topic) => {
        const log = await this.topic(topic);
        return {
          topic,
          partition: 0,
          committed: group.committed(topic) ?? -1,
          logStart: log.startOffset,
          logEnd: log.endOffset,
        };
      }),
    );
  }

  /** Stops the consumers, lets appends in flight finish, closes the logs and releases the lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.consumers].map((c) => c.stop()));
    const logs = await Promise.allSettled(this.topics.values());
    for (const log of logs) if (log.status === 'fulfilled') await log.value.close();
    this.unlock();
  }

  /** An existing topic's log, opened (and recovered) on first use. */
  topic(name: string): Promise<TopicLog> {
    let log = this.topics.get(name);
    if (!log) {
      log = this.openTopic(name);
      this.topics.set(name, log);
      // The caller gets the failure; the next use tries to open the topic again.
      log.catch(() => this.topics.delete(name));
    }
    return log;
  }

  private async openTopic(name: string): Promise<TopicLog> {
    const directory = this.topicDirectory(name);
    try {
      await access(directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      throw new Error(`topic ${name} does not exist: ensureTopics creates it`);
    }
    const log = await TopicLog.open(name, directory, this.options);
    this.logger.debug(`opened ${name} at offsets ${log.startOffset}..${log.endOffset}`);
    return log;
  }

  private group(groupId: string): Promise<GroupOffsets> {
    let group = this.groups.get(groupId);
    if (!group) {
      group = GroupOffsets.load(join(this.options.directory, 'groups'), groupId);
      this.groups.set(groupId, group);
      // As for topics: the failure goes to the caller, the next use loads again.
      group.catch(() => this.groups.delete(groupId));
    }
    return group;
  }

  private topicDirectory(topic: string): string {
    if (!TOPIC_NAME.test(topic) || topic === '.' || topic === '..')
      throw new Error(`topic name ${JSON.stringify(topic)} may use only letters, digits, . _ -`);
    return join(this.options.directory, 'topics', topic);
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('the embedded event bus is closed');
  }
}
