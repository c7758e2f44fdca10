import { Reconnector, reconnectDelay } from './screen-reconnect';

describe('a screen’s reconnection', () => {
  it('backs off exponentially with jitter, never sooner than the gateway asked', () => {
    expect(reconnectDelay(0, 0)).toBe(500);
    expect(reconnectDelay(0, 1)).toBe(1_000);
    expect(reconnectDelay(3, 1)).toBe(8_000);
    expect(reconnectDelay(20, 1)).toBe(30_000);
    expect(reconnectDelay(0, 0, { retryAfterMs: 2_000 })).toBe(2_500);
  });

  it('keeps one attempt pending, grows the wait after each failure and resets on connection', () => {
    jest.useFakeTimers();
    try {
      const connect = jest.fn();
      const sut = new Reconnector(connect, () => 1);
      sut.lost();
      sut.lost();
      jest.advanceTimersByTime(999);
      expect(connect).not.toHaveBeenCalled();
      jest.advanceTimersByTime(1);
      expect(connect).toHaveBeenCalledTimes(1);
      sut.lost(500);
      jest.advanceTimersByTime(2_499);
      expect(connect).toHaveBeenCalledTimes(1);
      jest.advanceTimersByTime(1);
      expect(connect).toHaveBeenCalledTimes(2);
      expect(sut.attempts).toBe(2);
      sut.connected();
      expect(sut.attempts).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });
});
