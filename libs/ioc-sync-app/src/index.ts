export { IocSyncModule } from './ioc-sync.module';
export { startIocSync } from './start-ioc-sync';
