namespace WiGuard.Google.Live;

/// <summary>
/// A token bucket that keeps WiGuard well under the IAM read quota (6,000 reads per minute per project):
/// by default 40 requests per second sustained (2,400 per minute) with bursts of 100.
/// </summary>
internal sealed class RequestPacer
{
    private readonly TimeProvider _time;
    private readonly double _perSecond;
    private readonly double _burst;
    private readonly Lock _gate = new();
    private double _tokens;
    private long _lastTicks;

    public RequestPacer(TimeProvider time, double perSecond = 40, double burst = 100)
    {
        _time = time;
        _perSecond = perSecond;
        _burst = burst;
        _tokens = burst;
        _lastTicks = time.GetTimestamp();
    }

    /// <summary>Takes a token now, or says how long until one is free (the token is then reserved for the caller).</summary>
    public TimeSpan Reserve()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            var elapsed = _time.GetElapsedTime(_lastTicks, now).TotalSeconds;
            _lastTicks = now;
            _tokens = Math.Min(_burst, _tokens + (elapsed * _perSecond));
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _perSecond);
        }
    }

    /// <summary>Gives back a reservation the caller will not use (its wait did not fit the budget).</summary>
    public void Return()
    {
        lock (_gate) _tokens = Math.Min(_burst, _tokens + 1);
    }
}
