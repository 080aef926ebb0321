using WiGuard.Core.Configuration;
using WiGuard.Google.Auth;
using WiGuard.Google.Caching;
using WiGuard.Google.Live;
using WiGuard.Google.Telemetry;
using WiGuard.TestSupport;
using WiGuard.TestSupport.FakeGoogle;

namespace WiGuard.Google.Tests;

/// <summary>The production client stack (HTTP, live facts, cache) pointed at a fake Google server.</summary>
internal sealed class GoogleStack : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public GoogleStack(FakeGoogleServer server, TimeProvider? time = null, TimeSpan? timeout = null, TimeSpan? cacheTtl = null, IAccessTokenSource? tokens = null, RequestPacer? pacer = null, TimeSpan? attemptLimit = null)
    {
        Time = time ?? TimeProvider.System;
        Options = new IamOptions
        {
            IamBaseUri = server.BaseUri,
            ResourceManagerBaseUri = server.BaseUri,
            Credentials = IamCredentials.None,
            Timeout = timeout ?? TimeSpan.FromSeconds(2),
            CacheTtl = cacheTtl ?? TimeSpan.FromMinutes(5),
        };
        Metrics = new IamMetrics();
        var client = new GoogleRestClient(_http, tokens ?? NoAccessToken.Instance, pacer ?? new RequestPacer(Time), Time, Options, Metrics, Logger, attemptLimit);
        Live = new LiveIamFacts(client, Options, Logger);
        Cached = new CachedIamFacts(Live, Options, Time, Metrics, Logger);
    }

    public TimeProvider Time { get; }
    public IamOptions Options { get; }
    public IamMetrics Metrics { get; }
    public ListLogger Logger { get; } = new();
    public LiveIamFacts Live { get; }
    public CachedIamFacts Cached { get; }

    public void Dispose()
    {
        Cached.Dispose();
        Metrics.Dispose();
        _http.Dispose();
    }
}
