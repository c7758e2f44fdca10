import { MessageBudget } from './message-budget';

describe(MessageBudget.name, () => {
  it('lets `limit` messages through per window, then says how long until the next window', () => {
    let now = 1_000;
    const sut = new MessageBudget(3, 60_000, () => now);
    expect([sut.take(), sut.take(), sut.take()]).toEqual([0, 0, 0]);
    now += 15_000;
    expect(sut.take()).toBe(45_000);
    now += 45_000;
    expect(sut.take()).toBe(0);
  });
});
