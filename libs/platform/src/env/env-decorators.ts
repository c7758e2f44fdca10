import { Transform } from 'class-transformer';

/** Env values arrive as strings; these turn them into the declared type before validation. */
export const EnvInt = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value));

export const EnvBool = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? ['1', 'true', 'yes'].includes(value.toLowerCase()) : value,
  );

export const EnvList = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s.length > 0)
      : value,
  );
