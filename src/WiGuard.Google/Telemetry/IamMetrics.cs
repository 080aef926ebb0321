using System.Diagnostics.Metrics;

namespace WiGuard.Google.Telemetry;

/// <summary>IAM counters in the "WiGuard" meter, exported by the /metrics endpoint.</summary>
public sealed class IamMetrics : IDisposable
{
    public const string MeterName = "WiGuard";

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _cacheHits;

    public IamMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _requests = _meter.CreateCounter<long>("wiguard_iam_requests_total", description: "HTTP requests sent to IAM and Resource Manager, by outcome");
        _failures = _meter.CreateCounter<long>("wiguard_iam_lookup_failures_total", description: "IAM lookups that could not be answered (timeout, throttling, errors, missing permission)");
        _cacheHits = _meter.CreateCounter<long>("wiguard_iam_cache_hits_total", description: "IAM lookups answered from the cache");
    }

    public Meter Meter => _meter;

    /// <param name="outcome">ok, not_found, permission_denied, throttled, server_error, network_error, invalid_response, client_error, rate_limited.</param>
    public void Request(string outcome) => _requests.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void LookupFailure() => _failures.Add(1);

    public void CacheHit() => _cacheHits.Add(1);

    public void Dispose() => _meter.Dispose();
}
