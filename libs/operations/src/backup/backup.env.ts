import { IsString } from 'class-validator';

export class BackupEnv {
  /**
   * The ClickHouse server's `<path>` as the backup command sees it, when it is mounted elsewhere
   * than on the server (e.g. /var/lib/clickhouse of a pod, mounted into a job); by default the
   * server's own path from system.tables.
   */
  @IsString()
  CLICKHOUSE_SERVER_PATH = '';
}
