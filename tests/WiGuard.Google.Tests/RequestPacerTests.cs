using WiGuard.Core.Facts;
using WiGuard.Google.Live;
using WiGuard.TestSupport;
using WiGuard.TestSupport.FakeGoogle;
using static WiGuard.Google.Tests.Acme;

namespace WiGuard.Google.Tests;

public sealed class RequestPacerTests
{
    [Fact]
    public void Reserve_DefaultLimit_AllowsABurstOf100ThenPaces40PerSecond()
    {
        var clock = new ManualTimeProvider();
        var pacer = new RequestPacer(clock);

        var burst = Enumerable.Range(0, 100).Select(_ => pacer.Reserve()).ToList();
        var next = pacer.Reserve();
        clock.Advance(TimeSpan.FromSeconds(10));
        var afterRest = pacer.Reserve();

        Assert.All(burst, wait => Assert.Equal(TimeSpan.Zero, wait));
        Assert.Equal(TimeSpan.FromMilliseconds(25), next);
        Assert.Equal(TimeSpan.Zero, afterRest);
    }

    [Fact]
    public void Reserve_OverAMinute_StaysWellUnderTheIamReadQuota()
    {
        var clock = new ManualTimeProvider();
        var pacer = new RequestPacer(clock);
        var granted = 0;

        for (var ms = 0; ms < 60_000; ms += 5)
        {
            while (pacer.Reserve() == TimeSpan.Zero) granted++;
            pacer.Return();
            clock.Advance(TimeSpan.FromMilliseconds(5));
        }

        Assert.InRange(granted, 2_000, 3_000);
    }

    [Fact]
    public async Task Lookup_RateLimitWaitBeyondTheBudget_FailsAtOnceWithoutCallingIam()
    {
        await using var google = await FakeGoogleServer.StartAsync();
        google.AddServiceAccount(AppGsa, AppGsaPolicy);
        using var stack = new GoogleStack(google, pacer: new RequestPacer(TimeProvider.System, perSecond: 0.1, burst: 2));

        var first = await stack.Live.GetServiceAccountAsync(AppGsa, CancellationToken.None);
        var second = await stack.Live.GetServiceAccountAsync(AppGsa, CancellationToken.None);

        Assert.Equal(LookupOutcome.Found, first.Outcome);
        Assert.Equal(LookupOutcome.Unavailable, second.Outcome);
        Assert.Equal("WiGuard's own IAM request rate limit was reached", second.Problem);
        Assert.Equal(2, google.TotalCalls);
    }
}
