using System.Collections.Concurrent;

namespace WiGuard.Google.Caching;

/// <summary>Where one lookup's answer came from, for metrics and logs.</summary>
internal enum CacheSource
{
    Hit,
    Fetched,
    Stale,
    TimedOut,
}

/// <summary>How the cache treats one kind of answer.</summary>
/// <param name="IsFailure">The answer says nothing (timeout, 403, 5xx): a cached good answer is served instead.</param>
/// <param name="CanServeStale">An answer good enough to serve after it expired when the refresh fails (never one that would deny).</param>
/// <param name="TimeToLive">How long an answer stays fresh.</param>
internal sealed record CachePolicy<T>(Func<T, bool> IsFailure, Func<T, bool> CanServeStale, Func<T, TimeSpan> TimeToLive);

/// <summary>
/// Per-key cache with single flight (concurrent misses for one key share one upstream call), a wait bounded by
/// the lookup budget (the upstream call may finish later and still fill the cache), and stale-if-error.
/// </summary>
internal sealed class FactCache<T> where T : class
{
    private const int PruneAbove = 50_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<T>>> _inFlight = new(StringComparer.Ordinal);
    private readonly CachePolicy<T> _policy;
    private readonly TimeProvider _time;

    public FactCache(CachePolicy<T> policy, TimeProvider time)
    {
        _policy = policy;
        _time = time;
    }

    public sealed record Result(T Value, CacheSource Source, DateTimeOffset? FetchedAt = null);

    /// <param name="key">The GSA email or project id.</param>
    /// <param name="maxAge">Refetch unless the cached answer is at most this old (null: any fresh answer will do).</param>
    /// <param name="budget">How long the caller waits for an upstream answer.</param>
    /// <param name="fetch">The upstream lookup; it must not throw. It gets a token that outlives the caller's wait.</param>
    /// <param name="background">Cancels upstream lookups that outlive every caller (shutdown).</param>
    public async Task<Result> GetAsync(
        string key, TimeSpan? maxAge, TimeSpan budget, Func<CancellationToken, Task<T>> fetch, CancellationToken background, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        _entries.TryGetValue(key, out var cached);
        if (cached is not null && now < cached.ExpiresAt && (maxAge is null || now - cached.FetchedAt <= maxAge))
            return new Result(cached.Value, CacheSource.Hit, cached.FetchedAt);

        Lazy<Task<T>>? mine = null;
        var flight = _inFlight.GetOrAdd(key, k => mine = new Lazy<Task<T>>(() => FetchAndStoreAsync(k, now, fetch, mine!, background)));
        try
        {
            var value = await flight.Value.WaitAsync(budget, _time, cancellationToken);
            var stored = _entries.GetValueOrDefault(key);
            return stored is not null && !ReferenceEquals(stored.Value, value) && _policy.IsFailure(value) && _policy.CanServeStale(stored.Value)
                ? new Result(stored.Value, CacheSource.Stale, stored.FetchedAt)
                : new Result(value, CacheSource.Fetched, now);
        }
        catch (TimeoutException)
        {
            var stale = _entries.GetValueOrDefault(key);
            return stale is not null && _policy.CanServeStale(stale.Value)
                ? new Result(stale.Value, CacheSource.Stale, stale.FetchedAt)
                : new Result(default!, CacheSource.TimedOut);
        }
    }

    public int Count => _entries.Count;

    private async Task<T> FetchAndStoreAsync(
        string key, DateTimeOffset requestedAt, Func<CancellationToken, Task<T>> fetch, Lazy<Task<T>> self, CancellationToken background)
    {
        try
        {
            await Task.Yield();
            // A flight that finished between this caller's cache check and its joining already has the answer.
            if (_entries.TryGetValue(key, out var landed) && landed.FetchedAt >= requestedAt && !_policy.IsFailure(landed.Value))
                return landed.Value;

            var value = await fetch(background);
            Store(key, value);
            return value;
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<T>>>(key, self));
        }
    }

    private void Store(string key, T value)
    {
        var now = _time.GetUtcNow();
        var ttl = _policy.TimeToLive(value);
        if (_policy.IsFailure(value) && _entries.TryGetValue(key, out var previous) && _policy.CanServeStale(previous.Value))
        {
            // Stale-if-error: keep the last good answer, and wait a short while before asking again.
            _entries[key] = previous with { ExpiresAt = now + ttl };
            return;
        }

        if (_entries.Count > PruneAbove) Prune(now);
        _entries[key] = new Entry(value, now, now + ttl);
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.ExpiresAt <= now) _entries.TryRemove(key, out _);
        }
    }

    private sealed record Entry(T Value, DateTimeOffset FetchedAt, DateTimeOffset ExpiresAt);
}
