/**
 * Errors shaped like `OfficeExtension.Error`: `name` 'RichApi.Error', a `code` from
 * `Excel.ErrorCodes` / `OfficeExtension.ErrorCodes`, and `debugInfo`.
 */
export class SimError extends Error {
  override readonly name = 'RichApi.Error';
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation?: string; details?: unknown };
  readonly traceMessages: string[] = [];
  readonly innerError: null = null;

  constructor(code: string, message: string, errorLocation?: string, details?: unknown) {
    super(message);
    this.code = code;
    this.debugInfo = { code, message, ...(errorLocation ? { errorLocation } : {}), ...(details ? { details } : {}) };
  }
}

/** The text Office.js uses for PropertyNotLoaded. */
export function propertyNotLoaded(property: string, entity: string): SimError {
  return new SimError(
    'PropertyNotLoaded',
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    `${entity}.${property}`,
  );
}

export function valueNotLoaded(): SimError {
  return new SimError(
    'ValueNotLoaded',
    'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.',
  );
}

export function notImplemented(what: string): SimError {
  return new SimError('NotImplemented', `${what} is not implemented in the simulator (@taizhang/excel-simulator).`, what);
}

export function itemNotFound(what: string): SimError {
  return new SimError('ItemNotFound', `The requested resource doesn't exist. (${what})`, what);
}

export function invalidArgument(detail: string, location?: string): SimError {
  return new SimError('InvalidArgument', `The argument is invalid or missing or has an incorrect format. (${detail})`, location);
}

export function invalidOperation(detail: string, location?: string): SimError {
  return new SimError('InvalidOperation', `The operation is invalid for the object or in its current state. (${detail})`, location);
}
