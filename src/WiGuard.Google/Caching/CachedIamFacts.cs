using Microsoft.Extensions.Logging;
using WiGuard.Core.Configuration;
using WiGuard.Core.Facts;
using WiGuard.Google.Telemetry;

namespace WiGuard.Google.Caching;

/// <summary>
/// The cache in front of live IAM, behind the same interface: per-GSA and per-project entries living
/// <c>Iam:CacheTtl</c>, a short life for answers that deny (404) or say nothing (failures), stale-if-error,
/// single flight, and every lookup bounded by <c>Iam:Timeout</c>.
/// </summary>
internal sealed class CachedIamFacts : IIamFacts, IFreshIamFacts, IDisposable
{
    /// <summary>A GSA someone is creating right now must be seen within seconds.</summary>
    public static readonly TimeSpan NegativeTtl = TimeSpan.FromSeconds(10);

    /// <summary>After a failure, wait this long before asking Google again (protects IAM during an outage).</summary>
    public static readonly TimeSpan FailureTtl = TimeSpan.FromSeconds(5);

    private readonly IIamFacts _inner;
    private readonly IamOptions _options;
    private readonly IamMetrics _metrics;
    private readonly ILogger _logger;
    private readonly FactCache<GsaFacts> _gsas;
    private readonly FactCache<ProjectFacts> _projects;
    private readonly CancellationTokenSource _shutdown = new();

    public CachedIamFacts(IIamFacts inner, IamOptions options, TimeProvider time, IamMetrics metrics, ILogger logger)
    {
        _inner = inner;
        _options = options;
        _metrics = metrics;
        _logger = logger;
        _gsas = new FactCache<GsaFacts>(new(g => IsFailure(g.Outcome), g => g.Outcome == LookupOutcome.Found, g => Ttl(g.Outcome)), time);
        _projects = new FactCache<ProjectFacts>(new(p => IsFailure(p.Outcome), p => p.Outcome == LookupOutcome.Found, p => Ttl(p.Outcome)), time);
    }

    /// <summary>How many GSAs have an entry (fresh or stale).</summary>
    public int CachedServiceAccounts => _gsas.Count;

    public Task<GsaFacts> GetServiceAccountAsync(string email, CancellationToken cancellationToken) =>
        GetServiceAccountAsync(email, null, cancellationToken);

    public Task<ProjectFacts> GetProjectAsync(string projectId, CancellationToken cancellationToken) =>
        GetProjectAsync(projectId, null, cancellationToken);

    public Task<GsaFacts> GetServiceAccountAsync(string email, TimeSpan maxAge, CancellationToken cancellationToken) =>
        GetServiceAccountAsync(email, (TimeSpan?)maxAge, cancellationToken);

    public Task<ProjectFacts> GetProjectAsync(string projectId, TimeSpan maxAge, CancellationToken cancellationToken) =>
        GetProjectAsync(projectId, (TimeSpan?)maxAge, cancellationToken);

    public void Dispose()
    {
        _shutdown.Cancel();
        _shutdown.Dispose();
    }

    private async Task<GsaFacts> GetServiceAccountAsync(string email, TimeSpan? maxAge, CancellationToken cancellationToken)
    {
        var result = await _gsas.GetAsync(email, maxAge, _options.Timeout,
            token => Guard(() => _inner.GetServiceAccountAsync(email, token), ex => GsaFacts.Unavailable(email, ex)),
            _shutdown.Token, cancellationToken);
        var value = result.Value ?? GsaFacts.Unavailable(email, TimedOut());
        Account(email, result.Source, value.Outcome, value.Problem, result.FetchedAt);
        return value;
    }

    private async Task<ProjectFacts> GetProjectAsync(string projectId, TimeSpan? maxAge, CancellationToken cancellationToken)
    {
        var result = await _projects.GetAsync(projectId, maxAge, _options.Timeout,
            token => Guard(() => _inner.GetProjectAsync(projectId, token), ex => ProjectFacts.Unavailable(projectId, ex)),
            _shutdown.Token, cancellationToken);
        var value = result.Value ?? ProjectFacts.Unavailable(projectId, TimedOut());
        Account($"project {projectId}", result.Source, value.Outcome, value.Problem, result.FetchedAt);
        return value;
    }

    private void Account(string key, CacheSource source, LookupOutcome outcome, string? problem, DateTimeOffset? fetchedAt)
    {
        switch (source)
        {
            case CacheSource.Hit:
                _metrics.CacheHit();
                break;
            case CacheSource.Stale:
                Log.ServingStale(_logger, key, problem ?? "no answer in time", fetchedAt ?? default);
                break;
            case CacheSource.TimedOut:
                Log.LookupTimedOut(_logger, key, _options.Timeout);
                break;
        }

        if (IsFailure(outcome)) _metrics.LookupFailure();
    }

    private string TimedOut() => $"IAM did not answer within {_options.Timeout.TotalSeconds:0.###}s";

    private TimeSpan Ttl(LookupOutcome outcome) => outcome switch
    {
        LookupOutcome.Found => _options.CacheTtl,
        LookupOutcome.NotFound => Min(NegativeTtl, _options.CacheTtl),
        _ => Min(FailureTtl, _options.CacheTtl),
    };

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static bool IsFailure(LookupOutcome outcome) => outcome is LookupOutcome.PermissionDenied or LookupOutcome.Unavailable;

    /// <summary>The inner source must not throw, but an admission must never fail because it did.</summary>
    private static async Task<TFacts> Guard<TFacts>(Func<Task<TFacts>> call, Func<string, TFacts> failed)
    {
        try
        {
            return await call();
        }
        catch (Exception ex)
        {
            return failed($"IAM lookup failed: {ex.GetType().Name}");
        }
    }
}
