import { IsString, MinLength } from 'class-validator';

export class DataDirectoryEnv {
  /**
   * Where the embedded mode keeps its data (relative to the working directory): the event bus in bus/
   * when KAFKA_BROKERS is unset, the analytics store in analytics/ when CLICKHOUSE_URL is unset. One
   * process per directory.
   */
  @IsString()
  @MinLength(1)
  COC_DATA_DIR = './data';
}
