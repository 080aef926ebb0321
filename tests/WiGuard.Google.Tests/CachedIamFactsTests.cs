using WiGuard.Core.Facts;
using WiGuard.TestSupport;
using WiGuard.TestSupport.FakeGoogle;
using static WiGuard.Google.Tests.Acme;

namespace WiGuard.Google.Tests;

public sealed class CachedIamFactsTests : IAsyncLifetime
{
    private const string GetPath = "/serviceAccounts/app-gsa@acme-prod.iam.gserviceaccount.com";
    private FakeGoogleServer _google = null!;

    public async Task InitializeAsync()
    {
        _google = await FakeGoogleServer.StartAsync();
        _google.AddServiceAccount(AppGsa, AppGsaPolicy);
        _google.AddProject("acme-prod", Number, ProjectPolicy);
    }

    public async Task DisposeAsync() => await _google.DisposeAsync();

    [Fact]
    public async Task GetServiceAccount_1000ConcurrentLookupsForOneGsa_MakeExactlyOneUpstreamCall()
    {
        _google.Delay = TimeSpan.FromMilliseconds(200);
        using var stack = new GoogleStack(_google, new ManualTimeProvider());

        var lookups = Enumerable.Range(0, 1000).Select(_ => Task.Run(() => stack.Cached.GetServiceAccountAsync(AppGsa, CancellationToken.None)));
        var results = await Task.WhenAll(lookups);

        Assert.All(results, r => Assert.Equal(LookupOutcome.Found, r.Outcome));
        Assert.Equal(1, _google.Requests.Count(r => r.Method == "GET" && r.Path.EndsWith(GetPath, StringComparison.Ordinal)));
        Assert.Equal(1, _google.CallsTo(":getIamPolicy"));
    }

    [Fact]
    public async Task GetServiceAccount_WithinTtl_AnswersFromTheCacheAndCountsTheHit()
    {
        var clock = new ManualTimeProvider();
        using var stack = new GoogleStack(_google, clock, cacheTtl: TimeSpan.FromMinutes(5));
        using var metrics = new MetricsRecorder(stack.Metrics.Meter);

        await stack.Cached.GetServiceAccountAsync(AppGsa, CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(4));
        var second = await stack.Cached.GetServiceAccountAsync(AppGsa, CancellationToken.None);

        Assert.Equal(LookupOutcome.Found, second.Outcome);
        Assert.Equal(2, _google.TotalCalls);
        Assert.Equal(1, metrics["wiguard_iam_cache_hits_total"]);
        Assert.Equal(2, metrics["wiguard_iam_requests_total{outcome=ok}"]);
    }

    [Fact]
    public async Task GetServiceAccount_ExpiredEntry_IsRefreshedWithTheNewPolicy()
    {
        var clock = new ManualTimeProvider();
        using var stack = new GoogleStack(_google, clock, cacheTtl: TimeSpan.FromMinutes(5));
        await stack.Cached.GetServiceAccountAsync(AppGsa, CancellationToken.None);

        _google.SetServiceAccountPolicy(AppGsa, StagingOnlyPolicy);
        clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var refreshed = await stack.Cached.GetServiceAccountAsync(AppGsa, CancellationToken.None);

        Assert.Equal("serviceAccount:acme-prod.svc.id.goog[staging/app-ksa]", Assert.Single(Assert.Single(refreshed.Policy!.Bindings).Members));
        Assert.Equal(4, _google.TotalCalls);
    }

    [Fact]
    public async Task GetServiceAccount_RefreshDeniedWith403_ServesTheStalePolicy()
    {
        var clock = new ManualTimeProvider();
        using var stack = new GoogleStack(_google, clock);
        await stack.Cached.GetServiceAccountAsync(AppGsa, CancellationToken.None);

        _google.FailAlways(new FakeFault(FakeFaultKind.PermissionDenied, "/serviceAccounts/"));
        clock.Advance(TimeSpan.FromMinutes(6));
        var stale = await stack.Cached.GetServiceAccountAsync(AppGsa, CancellationToken.None);

        Assert.Equal(LookupOutcome.Found, stale.Outcome);
        Assert.Equal("BwYhH3c4Jxk=", stale.Policy!.Etag);
        Assert.Contains(stack.Logger.Entries, e => e.Event.Id == 3005);
    }

    [Fact]
    public async Task GetServiceAccount_RefreshFailingWith500_ServesTheStalePolicyWithinTheBudget()
    {
        using var stack = new GoogleStack(_google, timeout: TimeSpan.FromSeconds(1), cacheTtl: TimeSpan.FromMilliseconds(200));
        await stack.Cached.GetServiceAccountAsync(AppGsa, CancellationToken.None);

        _google.FailAlways(new FakeFault(FakeFaultKind.ServerError, "/serviceAccounts/"));
        await Task.Delay(300);
        var started = TimeProvider.System.GetTimestamp();
        var stale = await stack.Cached.GetServiceAccountAsync(AppGsa, CancellationToken.None);

        Assert.Equal(LookupOutcome.Found, stale.Outcome);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(2));
        Assert.True(_google.CallsTo(GetPath) > 2, "the refresh was not retried");
    }

    [Fact]
    public async Task GetServiceAccount_LookupSlowerThanTheBudget_IsUnavailableWithinTheBudgetAndFillsTheCacheLater()
    {
        _google.Delay = TimeSpan.FromMilliseconds(1500);
        using var stack = new GoogleStack(_google, timeout: TimeSpan.FromMilliseconds(300));
        using var metrics = new MetricsRecorder(stack.Metrics.Meter);
        var started = TimeProvider.System.GetTimestamp();

        var first = await stack.Cached.GetServiceAccountAsync(AppGsa, CancellationToken.None);

        var elapsed = TimeProvider.System.GetElapsedTime(started);
        Assert.Equal(LookupOutcome.Unavailable, first.Outcome);
        Assert.Equal("IAM did not answer within 0.3s", first.Problem);
        Assert.True(elapsed < TimeSpan.FromMilliseconds(1200), $"took {elapsed}: the lookup waited for the slow answer");
        Assert.Equal(1, metrics["wiguard_iam_lookup_failures_total"]);

        await WaitUntilAsync(() => _google.CallsTo(":getIamPolicy") == 1 && stack.Cached.CachedServiceAccounts == 1);
        _google.Delay = TimeSpan.Zero;
        var later = await stack.Cached.GetServiceAccountAsync(AppGsa, CancellationToken.None);
        Assert.Equal(LookupOutcome.Found, later.Outcome);
        Assert.Equal(2, _google.TotalCalls);
    }

    [Fact]
    public async Task GetServiceAccount_UpstreamHangs_TheFlightEndsSoALaterLookupAsksAgain()
    {
        _google.Delay = TimeSpan.FromSeconds(30);
        using var stack = new GoogleStack(_google, timeout: TimeSpan.FromMilliseconds(200), cacheTtl: TimeSpan.FromMilliseconds(100),
            attemptLimit: TimeSpan.FromMilliseconds(400));

        var hung = await stack.Cached.GetServiceAccountAsync(AppGsa, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1));
        _google.Delay = TimeSpan.Zero;
        var later = await stack.Cached.GetServiceAccountAsync(AppGsa, CancellationToken.None);

        Assert.Equal(LookupOutcome.Unavailable, hung.Outcome);
        Assert.Equal(LookupOutcome.Found, later.Outcome);
    }

    [Fact]
    public async Task GetServiceAccount_NotFound_IsRememberedOnlySeconds()
    {
        const string newGsa = "new-app@acme-prod.iam.gserviceaccount.com";
        var clock = new ManualTimeProvider();
        using var stack = new GoogleStack(_google, clock);
        var missing = await stack.Cached.GetServiceAccountAsync(newGsa, CancellationToken.None);

        _google.AddServiceAccount(newGsa, AppGsaPolicy);
        clock.Advance(TimeSpan.FromSeconds(5));
        var stillCached = await stack.Cached.GetServiceAccountAsync(newGsa, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(6));
        var seen = await stack.Cached.GetServiceAccountAsync(newGsa, CancellationToken.None);

        Assert.Equal(LookupOutcome.NotFound, missing.Outcome);
        Assert.Equal(LookupOutcome.NotFound, stillCached.Outcome);
        Assert.Equal(LookupOutcome.Found, seen.Outcome);
    }

    [Fact]
    public async Task GetServiceAccount_WithMaxAge_RefetchesAnOlderAnswerBeforeItExpires()
    {
        var clock = new ManualTimeProvider();
        using var stack = new GoogleStack(_google, clock);
        await stack.Cached.GetServiceAccountAsync(AppGsa, CancellationToken.None);
        _google.SetServiceAccountPolicy(AppGsa, StagingOnlyPolicy);

        clock.Advance(TimeSpan.FromSeconds(4));
        var young = await stack.Cached.GetServiceAccountAsync(AppGsa, TimeSpan.FromSeconds(10), CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(8));
        var refetched = await stack.Cached.GetServiceAccountAsync(AppGsa, TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Equal("BwYhH3c4Jxk=", young.Policy!.Etag);
        Assert.Equal("BwYhH4aQmZs=", refetched.Policy!.Etag);
    }

    [Fact]
    public async Task GetProject_IsCachedPerProject()
    {
        _google.AddProject("acme-shared", "210987654321");
        using var stack = new GoogleStack(_google, new ManualTimeProvider());

        await stack.Cached.GetProjectAsync("acme-prod", CancellationToken.None);
        await stack.Cached.GetProjectAsync("acme-prod", CancellationToken.None);
        var shared = await stack.Cached.GetProjectAsync("acme-shared", CancellationToken.None);

        Assert.Equal("210987654321", shared.ProjectNumber);
        Assert.Equal(2, _google.CallsTo("/v3/projects/acme-prod"));
        Assert.Equal(2, _google.CallsTo("/v3/projects/acme-shared"));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++) await Task.Delay(50);
        Assert.True(condition(), "the background lookup never filled the cache");
    }
}
