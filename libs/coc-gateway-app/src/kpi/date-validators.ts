import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isInstant, isLocalDate } from '@libs/admin-units';

/** A real local calendar date YYYY-MM-DD (2026-02-30 is refused with 400, not answered). */
export function IsLocalDateParam(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLocalDateParam',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isLocalDate(value),
        defaultMessage: (args) => `${args?.property ?? 'date'} must be a real local calendar date YYYY-MM-DD`,
      },
    },
    options,
  );
}

/** A real ISO 8601 instant with a zone, between 1970 and 2106 (what the store can hold). */
export function IsInstantParam(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstantParam',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isInstant(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'instant'} must be a real ISO 8601 instant with a zone between 1970 and 2106, e.g. 2026-11-21T00:00:00+07:00`,
      },
    },
    options,
  );
}
