import { Global, Module } from '@nestjs/common';
import { loadEnv } from '@libs/platform';
import { KafkaConnection } from './kafka.connection';
import { KafkaEnv } from './kafka.env';

@Global()
@Module({
  providers: [
    { provide: KafkaEnv, useFactory: () => loadEnv(KafkaEnv) },
    { provide: KafkaConnection, useFactory: (env: KafkaEnv) => new KafkaConnection(env), inject: [KafkaEnv] },
  ],
  exports: [KafkaEnv, KafkaConnection],
})
export class KafkaModule {}
