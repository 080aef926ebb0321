using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using WiGuard.Core.Identity;
using WiGuard.Core.Kubernetes;
using WiGuard.Kubernetes.Api;
using WiGuard.Kubernetes.Caching;
using WiGuard.Kubernetes.Tests.Support;
using WiGuard.TestSupport.FakeKubernetes;

namespace WiGuard.Kubernetes.Tests.Caching;

public sealed class KubeCacheTests
{
    private const string Gsa = "app-gsa@my-proj.iam.gserviceaccount.com";

    [Fact]
    public async Task Run_ListThenWatch_AppliesAddedModifiedDeleted()
    {
        await using var cluster = await Cluster.StartAsync();
        cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "a"));
        cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "b"));
        await using var run = await Running.StartAsync(cluster);

        cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "c"));
        cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "a", Gsa));
        var last = cluster.Server.Delete(FakeResource.ServiceAccounts, "apps", "b");
        await Eventually.TrueAsync(() => run.Cache.ResourceVersion == last, "the delete to arrive");

        Assert.Equal(["Added apps/a", "Added apps/b", "Added apps/c", "Modified apps/a", "Deleted apps/b"], run.Changes);
        Assert.Equal(Gsa, run.Cache.Get("apps", "a")!.Metadata!.Annotation(KnownKeys.GcpServiceAccount));
        Assert.Null(run.Cache.Get("apps", "b"));
        Assert.Equal(["a", "c"], run.Cache.List("apps").Select(sa => sa.Metadata!.Name).Order(StringComparer.Ordinal));
        Assert.Single(cluster.Server.Requests, r => r.Path == "/api/v1/serviceaccounts" && !r.IsWatch && !r.Query.ContainsKey("continue"));
    }

    [Fact]
    public async Task Run_ConnectionDroppedMidEvent_ResumesFromLastVersionWithoutLossOrDuplicates()
    {
        await using var cluster = await Cluster.StartAsync();
        cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "a"));
        await using var run = await Running.StartAsync(cluster);
        var before = cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "b"));
        await Eventually.TrueAsync(() => run.Cache.ResourceVersion == before, "b to arrive");

        cluster.Server.HoldWatches();
        cluster.Server.DropWatches(tornEvent: true);
        // While the cache is disconnected, the cluster moves on.
        cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "c"));
        cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "a", Gsa));
        var last = cluster.Server.Delete(FakeResource.ServiceAccounts, "apps", "b");
        cluster.Server.ReleaseWatches();
        await Eventually.TrueAsync(() => run.Cache.ResourceVersion == last, "the missed events to be replayed");

        Assert.Equal(["Added apps/a", "Added apps/b", "Added apps/c", "Modified apps/a", "Deleted apps/b"], run.Changes);
        var watches = cluster.Server.Requests.Where(r => r.IsWatch).ToList();
        Assert.Equal(before, watches[^1].Query["resourceVersion"]);
        Assert.Single(cluster.Server.Requests, r => !r.IsWatch);
        Assert.True(run.Cache.Synced);
    }

    [Fact]
    public async Task Run_Bookmark_AdvancesVersionSoReconnectNeedsNoRelist()
    {
        await using var cluster = await Cluster.StartAsync();
        cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "a"));
        await using var run = await Running.StartAsync(cluster);
        // Changes to other resources move the cluster's resourceVersion past the cache's.
        cluster.Server.Apply(FakeResource.ConfigMaps, Samples.ConfigMap("apps", "settings", "level", "debug"));
        cluster.Server.Apply(FakeResource.ConfigMaps, Samples.ConfigMap("apps", "settings", "level", "info"));
        var current = cluster.Server.ResourceVersion.ToString(CultureInfo.InvariantCulture);

        cluster.Server.Bookmark();
        await Eventually.TrueAsync(() => run.Cache.ResourceVersion == current, "the bookmark's resourceVersion");
        cluster.Server.Compact();
        cluster.Server.DropWatches();
        await Eventually.TrueAsync(() => cluster.Server.Requests.Count(r => r.IsWatch) == 2, "the watch to be re-opened");
        await cluster.Server.WaitForWatchesAsync(FakeResource.ServiceAccounts);

        Assert.Equal(current, cluster.Server.Requests.Where(r => r.IsWatch).Last().Query["resourceVersion"]);
        Assert.Single(cluster.Server.Requests, r => !r.IsWatch);
        Assert.Equal(["Added apps/a"], run.Changes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_ResourceVersionGone_RelistsAndAppliesOnlyTheDifference(bool goneAsHttpStatus)
    {
        await using var cluster = await Cluster.StartAsync();
        cluster.Server.GoneAsHttpStatus = goneAsHttpStatus;
        cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "a"));
        cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "b"));
        cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "c"));
        await using var run = await Running.StartAsync(cluster);

        cluster.Server.HoldWatches();
        cluster.Server.DropWatches();
        cluster.Server.Delete(FakeResource.ServiceAccounts, "apps", "b");
        cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "c", Gsa));
        cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "d"));
        cluster.Server.Compact();
        cluster.Server.ReleaseWatches();
        var relisted = cluster.Server.ResourceVersion.ToString(CultureInfo.InvariantCulture);
        await Eventually.TrueAsync(() => run.Cache.ResourceVersion == relisted && cluster.Server.OpenWatches(FakeResource.ServiceAccounts) == 1, "the re-list");

        Assert.Equal(
            ["Added apps/a", "Added apps/b", "Added apps/c", "Modified apps/c", "Added apps/d", "Deleted apps/b"],
            run.Changes);
        Assert.Equal(["a", "c", "d"], run.Cache.List(null).Select(sa => sa.Metadata!.Name).Order(StringComparer.Ordinal));
        Assert.Equal(2, cluster.Server.Requests.Count(r => !r.IsWatch && !r.Query.ContainsKey("continue")));
        Assert.True(run.Cache.Synced);
    }

    [Fact]
    public async Task Run_WatchErrorOtherThanGone_ResumesFromTheSameVersionWithoutRelist()
    {
        await using var cluster = await Cluster.StartAsync();
        var before = cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "a"));
        await using var run = await Running.StartAsync(cluster);

        cluster.Server.HoldWatches();
        cluster.Server.FailWatches(500, "InternalError", "etcdserver: leader changed");
        await Eventually.TrueAsync(() => run.Cache.Problem is not null, "the error to be reported");
        Assert.Equal(
            $"serviceaccounts watch failing, serving the last known state: watch of {cluster.Server.BaseUri}api/v1/serviceaccounts ended with 500 Internal Server Error: etcdserver: leader changed",
            run.Cache.Problem);
        var last = cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "b"));
        cluster.Server.ReleaseWatches();
        await Eventually.TrueAsync(() => run.Cache.ResourceVersion == last, "b to arrive after the retry");

        Assert.Equal(before, cluster.Server.Requests.Where(r => r.IsWatch).Last().Query["resourceVersion"]);
        Assert.Single(cluster.Server.Requests, r => !r.IsWatch);
        Assert.Equal(["Added apps/a", "Added apps/b"], run.Changes);
        Assert.Null(run.Cache.Problem);
    }

    [Fact]
    public async Task Run_TokenRejected_NotSyncedWithProblemThenRecovers()
    {
        await using var cluster = await Cluster.StartAsync();
        cluster.Server.RevokeToken(Cluster.Token);
        cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "a"));
        await using var run = Running.Start(cluster);

        await Eventually.TrueAsync(() => run.Cache.Problem?.Contains("401", StringComparison.Ordinal) == true, "the 401 to be reported");
        Assert.False(run.Cache.Synced);
        Assert.Equal($"serviceaccounts not synced: 401 Unauthorized from {cluster.Server.BaseUri}api/v1/serviceaccounts: Unauthorized", run.Cache.Problem);

        cluster.Server.AllowToken(Cluster.Token);
        await Eventually.TrueAsync(() => run.Cache.Synced, "the cache to sync once the token works");
        await cluster.Server.WaitForWatchesAsync(FakeResource.ServiceAccounts);
        Assert.Null(run.Cache.Problem);
        Assert.NotNull(run.Cache.Get("apps", "a"));
    }

    [Fact]
    public async Task Run_ObjectItCannotRead_SkipsItAndKeepsTheRest()
    {
        await using var cluster = await Cluster.StartAsync();
        cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "a"));
        cluster.Server.Apply(FakeResource.ServiceAccounts,
            """{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"odd","namespace":"apps","annotations":["not","a","map"]}}""");
        await using var run = await Running.StartAsync(cluster);

        Assert.Equal(1, run.Cache.Count);
        Assert.NotNull(run.Cache.Get("apps", "a"));
    }

    [Fact]
    public async Task Run_OneNamespace_ListsAndWatchesOnlyThatNamespace()
    {
        await using var cluster = await Cluster.StartAsync();
        cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "a"));
        cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("other", "x"));
        var cache = new KubeCache<ServiceAccount>(cluster.Api, KubeResource.ServiceAccounts, "apps",
            json => (ServiceAccount)KubeObjectReader.Read(ResourceKind.ServiceAccount, json),
            cluster.Options, TimeProvider.System, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var run = cache.RunAsync(stop.Token);
        await cluster.Server.WaitForWatchesAsync(FakeResource.ServiceAccounts);

        cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("other", "y"));
        var last = cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "b"));
        await Eventually.TrueAsync(() => cache.ResourceVersion == last, "b to arrive");

        Assert.Equal(["a", "b"], cache.List(null).Select(sa => sa.Metadata!.Name).Order(StringComparer.Ordinal));
        Assert.All(cluster.Server.Requests, r => Assert.Equal("/api/v1/namespaces/apps/serviceaccounts", r.Path));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Run_ProjectedTokenRotatedAndOldOneExpired_ReconnectsWithTheNewToken()
    {
        await using var cluster = await Cluster.StartAsync();
        var tokenPath = Path.Combine(cluster.Directory, "token");
        File.WriteAllText(tokenPath, "token-1");
        cluster.Server.AllowToken("token-1");
        cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "a"));
        var connection = new WiGuard.Kubernetes.Connection.ClusterConnection
        {
            Server = cluster.Server.BaseUri,
            Source = "test",
            CertificateAuthorities = [cluster.Server.Pki.Authority],
            Token = new WiGuard.Kubernetes.Connection.FileTokenSource(tokenPath, TimeProvider.System),
        };
        using var api = new KubeApiClient(connection, cluster.Options);
        var cache = new KubeCache<ServiceAccount>(api, KubeResource.ServiceAccounts, null,
            json => (ServiceAccount)KubeObjectReader.Read(ResourceKind.ServiceAccount, json),
            cluster.Options, TimeProvider.System, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var run = cache.RunAsync(stop.Token);
        await cluster.Server.WaitForWatchesAsync(FakeResource.ServiceAccounts);

        File.WriteAllText(tokenPath, "token-2");
        cluster.Server.AllowToken("token-2");
        cluster.Server.RevokeToken("token-1");
        cluster.Server.DropWatches();
        var last = cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "b"));
        await Eventually.TrueAsync(() => cache.ResourceVersion == last, "b to arrive over the new token");

        Assert.Equal("token-2", cluster.Server.Requests[^1].BearerToken);
        Assert.Single(cluster.Server.Requests, r => !r.IsWatch);
        Assert.Null(cache.Problem);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Run_Cancelled_EndsQuietly()
    {
        await using var cluster = await Cluster.StartAsync();
        var run = await Running.StartAsync(cluster);

        await run.DisposeAsync();

        Assert.True(run.Task.IsCompletedSuccessfully);
    }

    /// <summary>A ServiceAccount cache running against the fake server, recording every change.</summary>
    private sealed class Running : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly List<string> _changes = [];

        private Running(Cluster cluster)
        {
            Cache = new KubeCache<ServiceAccount>(cluster.Api, KubeResource.ServiceAccounts, null,
                json => (ServiceAccount)KubeObjectReader.Read(ResourceKind.ServiceAccount, json),
                cluster.Options, TimeProvider.System, NullLogger.Instance, new Random(7));
            Cache.Changed += change =>
            {
                lock (_changes) _changes.Add($"{change.Type} {change.Namespace}/{change.Name}");
            };
            Task = Cache.RunAsync(_stop.Token);
        }

        public KubeCache<ServiceAccount> Cache { get; }

        public Task Task { get; }

        public List<string> Changes
        {
            get
            {
                lock (_changes) return [.. _changes];
            }
        }

        public static Running Start(Cluster cluster) => new(cluster);

        /// <summary>Starts the cache and waits until it has listed and its watch is open.</summary>
        public static async Task<Running> StartAsync(Cluster cluster)
        {
            var running = new Running(cluster);
            await Eventually.TrueAsync(() => running.Cache.Synced, "the cache to sync");
            await cluster.Server.WaitForWatchesAsync(FakeResource.ServiceAccounts);
            return running;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await Task.WaitAsync(TimeSpan.FromSeconds(10));
            _stop.Dispose();
        }
    }
}
