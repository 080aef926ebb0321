using System.Net;
using WiGuard.TestSupport.FakeKubernetes;
using WiGuard.Tests.Support;

namespace WiGuard.Tests.Cluster;

/// <summary>The webhook keeps judging from what its caches hold while the API server is away, and catches up after.</summary>
public sealed class ClusterOutageTests : IAsyncLifetime
{
    private static readonly string BadServiceAccount = Reviews.For(Reviews.ServiceAccount("apps", "app-ksa", value: "app-gsa"));

    private ClusterWebhook _sut = null!;

    public async Task InitializeAsync()
    {
        _sut = await ClusterWebhook.CreateAsync();
        _sut.ApplyNamespace("apps", ("wiguard.io/mode", "warn"));
        await _sut.StartReadyAsync();
        await _sut.Cluster.WaitForWatchesAsync(FakeResource.Namespaces);
    }

    public async Task DisposeAsync() => await _sut.DisposeAsync();

    [Fact]
    public async Task TokenRevokedAfterSync_StaysReadyAndJudgesFromTheLastKnownState()
    {
        var seen = _sut.Cluster.Requests.Count;
        _sut.Cluster.RevokeToken(ClusterWebhook.Token);
        _sut.Cluster.DropWatches();
        // Every request from now on is answered 401.
        await WaitUntilAsync(() => _sut.Cluster.Requests.Skip(seen).Any(r => r.Path == "/api/v1/namespaces"));

        var (status, _) = await _sut.ReadyzAsync();
        var response = await _sut.Webhook.ReviewAsync(BadServiceAccount);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(ClusterWebhook.Allowed(response));
        Assert.Contains(ClusterWebhook.Warnings(response), w => w.StartsWith("[WI002]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LabelChangedWhileTheWatchWasDown_IsPickedUpOnReconnect()
    {
        _sut.Cluster.HoldWatches();
        _sut.Cluster.DropWatches();
        _sut.ApplyNamespace("apps");

        _sut.Cluster.ReleaseWatches();

        await _sut.ReviewUntilAsync(BadServiceAccount, r => !ClusterWebhook.Allowed(r));
    }

    [Fact]
    public async Task LabelChangedWhileHistoryWasCompacted_IsPickedUpByListingAgain()
    {
        _sut.Cluster.HoldWatches();
        _sut.Cluster.DropWatches();
        _sut.ApplyNamespace("apps", ("wiguard.io/mode", "off"));
        _sut.Cluster.Compact();

        _sut.Cluster.ReleaseWatches();

        await _sut.ReviewUntilAsync(BadServiceAccount, r => ClusterWebhook.Allowed(r) && ClusterWebhook.Warnings(r).Count == 0);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the webhook never tried the API server again");
            await Task.Delay(20);
        }
    }
}
