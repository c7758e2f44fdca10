/**
 * The store refused rows for what they contain (a type or parse error), not because it is
 * unavailable: sending the same rows again fails the same way, so they must be isolated instead.
 */
export class StorageRejectedError extends Error {
  constructor(
    message: string,
    /** The store's own error code, e.g. the ClickHouse exception code. */
    readonly storeCode: string,
  ) {
    super(message);
    this.name = StorageRejectedError.name;
  }
}
