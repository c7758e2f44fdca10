export { loadEnv, InvalidEnvironmentError } from './env/load-env';
export { DataDirectoryEnv } from './env/data-directory.env';
export { EnvBool, EnvInt, EnvList } from './env/env-decorators';
export { readSecretFile } from './env/secret-file';
export { exitIfShutdownHangs } from './shutdown-deadline';
export { backoffDelay } from './backoff';
export { mapConcurrently } from './map-concurrently';
export { DirectoryInUseError, lockDirectory } from './directory-lock';
