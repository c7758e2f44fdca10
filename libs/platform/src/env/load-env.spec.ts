import { IsInt, IsString, Max, Min } from 'class-validator';
import { EnvInt } from './env-decorators';
import { InvalidEnvironmentError, loadEnv } from './load-env';

class SampleEnv {
  @IsString()
  SAMPLE_NAME = 'default-name';

  @EnvInt()
  @IsInt()
  @Min(1)
  @Max(10)
  SAMPLE_COUNT = 3;
}

describe(loadEnv.name, () => {
  it('applies defaults when variables are absent or empty', () => {
    const env = loadEnv(SampleEnv, { SAMPLE_NAME: '' });
    expect(env.SAMPLE_NAME).toBe('default-name');
    expect(env.SAMPLE_COUNT).toBe(3);
  });

  it('converts and keeps valid values', () => {
    expect(loadEnv(SampleEnv, { SAMPLE_COUNT: '7' }).SAMPLE_COUNT).toBe(7);
  });

  it('fails naming the variable, without echoing its value', () => {
    let error: unknown;
    try {
      loadEnv(SampleEnv, { SAMPLE_COUNT: 'secret-value-42' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidEnvironmentError);
    expect((error as Error).message).toContain('SAMPLE_COUNT');
    expect((error as Error).message).not.toContain('secret-value-42');
  });
});
