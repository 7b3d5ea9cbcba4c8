/**
 * The station could not be reached, or answered with something that is not a Result envelope.
 * Kept apart from StationError because it carries no sentence from the station: the UI words it.
 */
export class TransportError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransportError';
  }
}
