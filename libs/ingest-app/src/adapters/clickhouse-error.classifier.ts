/**
 * ClickHouse exception codes that say nothing about the rows sent: the server, its resources, the
 * schema or the credentials are at fault, and the same rows succeed once that is fixed. Every other
 * code the server answers with (parse and type errors above all) is about the data.
 */
const INFRASTRUCTURE_CODES: ReadonlyMap<number, string> = new Map([
  [3, 'UNEXPECTED_END_OF_FILE'],
  [8, 'THERE_IS_NO_COLUMN'],
  [16, 'NO_SUCH_COLUMN_IN_TABLE'],
  [47, 'UNKNOWN_IDENTIFIER'],
  [49, 'LOGICAL_ERROR'],
  [60, 'UNKNOWN_TABLE'],
  [81, 'UNKNOWN_DATABASE'],
  [115, 'UNKNOWN_SETTING'],
  [159, 'TIMEOUT_EXCEEDED'],
  [164, 'READONLY'],
  [192, 'UNKNOWN_USER'],
  [193, 'WRONG_PASSWORD'],
  [194, 'REQUIRED_PASSWORD'],
  [201, 'QUOTA_EXPIRED'],
  [202, 'TOO_MANY_SIMULTANEOUS_QUERIES'],
  [203, 'NO_FREE_CONNECTION'],
  [209, 'SOCKET_TIMEOUT'],
  [210, 'NETWORK_ERROR'],
  [225, 'NO_ZOOKEEPER'],
  [236, 'ABORTED'],
  [241, 'MEMORY_LIMIT_EXCEEDED'],
  [242, 'TABLE_IS_READ_ONLY'],
  [243, 'NOT_ENOUGH_SPACE'],
  [252, 'TOO_MANY_PARTS'],
  [285, 'TOO_FEW_LIVE_REPLICAS'],
  [286, 'UNSATISFIED_QUORUM_FOR_PREVIOUS_WRITE'],
  [319, 'UNKNOWN_STATUS_OF_INSERT'],
  [394, 'QUERY_WAS_CANCELLED'],
  [425, 'SYSTEM_ERROR'],
  [439, 'CANNOT_SCHEDULE_TASK'],
  [473, 'DEADLOCK_AVOIDED'],
  [497, 'ACCESS_DENIED'],
  [516, 'AUTHENTICATION_FAILED'],
  [999, 'KEEPER_EXCEPTION'],
  [1000, 'POCO_EXCEPTION'],
  [1001, 'STD_EXCEPTION'],
  [1002, 'UNKNOWN_EXCEPTION'],
]);

export type ClickHouseErrorClass =
  { kind: 'infrastructure'; reason: string } | { kind: 'data'; code: number; message: string };

/** 18.16 answers "Code: 27, e.displayText() = DB::Exception: …", current servers "Code: 27. DB::Exception: …". */
const CODE_IN_MESSAGE = /^Code: (\d+)[.,]/;
const EXCEPTION = 'DB::Exception: ';
const WHAT_SUFFIX = ', e.what() = DB::Exception';

/**
 * The server's own words: after the first "DB::Exception: ", without 18.16's e.what() suffix.
 * Plain string search, linear in the message (a lazy regex here was cubic on long whitespace).
 */
function displayText(message: string): string {
  const at = message.indexOf(EXCEPTION);
  if (at < 0) return message.trim();
  let text = message.slice(at + EXCEPTION.length).trimEnd();
  if (text.endsWith(WHAT_SUFFIX)) text = text.slice(0, -WHAT_SUFFIX.length);
  return text.trim();
}

function serverCode(error: Error): number | undefined {
  // @clickhouse/client parses current servers' errors into ClickHouseError { code: '27' }; its
  // parser does not match 18.16's format, which arrives as a plain Error with the server's text.
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^\d+$/.test(code)) return Number(code);
  const match = CODE_IN_MESSAGE.exec(error.message);
  return match ? Number(match[1]) : undefined;
}

/**
 * Decides whether a failed insert may be retried as it is (infrastructure: connection refused or
 * reset, timeouts, proxies answering 5xx, server overload) or is refused for its rows (data).
 * Anything without a ClickHouse exception code did not come from the server's judgement of the data.
 */
export function classifyClickHouseError(error: unknown): ClickHouseErrorClass {
  if (!(error instanceof Error)) return { kind: 'infrastructure', reason: String(error) };
  const code = serverCode(error);
  if (code === undefined) return { kind: 'infrastructure', reason: error.message };
  const name = INFRASTRUCTURE_CODES.get(code);
  if (name) return { kind: 'infrastructure', reason: `${name}: ${error.message}` };
  return { kind: 'data', code, message: displayText(error.message) };
}
