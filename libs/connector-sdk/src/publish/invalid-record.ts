/**
 * Stands in for an input record that could not even be turned into an envelope (a line that is not
 * JSON, a CSV row that does not fit its mapping): publishAll reports it with this reason, in place.
 */
export class InvalidRecord {
  constructor(
    readonly reason: string,
    readonly eventId?: string,
  ) {}
}
