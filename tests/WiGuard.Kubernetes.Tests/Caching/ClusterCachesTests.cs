using WiGuard.Core.Configuration;
using WiGuard.Core.Evaluation;
using WiGuard.Core.Facts;
using WiGuard.Kubernetes.Caching;
using WiGuard.Kubernetes.Tests.Support;
using WiGuard.TestSupport.FakeKubernetes;

namespace WiGuard.Kubernetes.Tests.Caching;

public sealed class ClusterCachesTests
{
    private const string Gsa = "app-gsa@my-proj.iam.gserviceaccount.com";

    [Fact]
    public async Task Ready_NamespacesForbidden_StaysNotReadyUntilBothCachesListed()
    {
        await using var cluster = await Cluster.StartAsync();
        cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "web", Gsa));
        cluster.Server.Apply(FakeResource.Namespaces, Samples.Namespace("apps"));
        cluster.Server.Forbid(FakeResource.Namespaces);
        var caches = cluster.Caches.Cluster();
        using var stop = new CancellationTokenSource();
        var run = caches.RunAsync(stop.Token);

        await Eventually.TrueAsync(() => caches.ServiceAccounts.Synced && caches.Namespaces.Problem?.Contains("403", StringComparison.Ordinal) == true,
            "service accounts synced and namespaces refused");
        Assert.False(caches.Ready);
        Assert.StartsWith($"namespaces not synced: 403 Forbidden from {cluster.Server.BaseUri}api/v1/namespaces: namespaces is forbidden", caches.Problem, StringComparison.Ordinal);

        cluster.Server.Permit(FakeResource.Namespaces);
        await Eventually.TrueAsync(() => caches.Ready, "both caches to sync");
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Lookups_BeforeSync_AreUnknown()
    {
        await using var cluster = await Cluster.StartAsync();
        var caches = cluster.Caches.Cluster();

        Assert.Equal(KsaLookupStatus.Unknown, caches.Find("apps", "web").Status);
        Assert.Null(caches.UsesWorkloadIdentity("apps"));
        Assert.Null(caches.InNamespace("apps"));
        Assert.False(caches.Ready);
        Assert.Equal("serviceaccounts not synced yet", caches.Problem);
    }

    [Fact]
    public async Task Lookups_AfterSync_AnswerFromTheCluster()
    {
        await using var cluster = await Cluster.StartAsync();
        cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "web", Gsa));
        cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "default"));
        cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("batch", "default"));
        cluster.Server.Apply(FakeResource.Namespaces, Samples.Namespace("apps", mode: "enforce"));
        cluster.Server.Apply(FakeResource.Namespaces, Samples.Namespace("batch"));
        cluster.Server.Apply(FakeResource.NetworkPolicies, Samples.DenyAllEgress("apps", "deny-egress"));
        cluster.Server.Apply(FakeResource.NetworkPolicies, Samples.DenyAllEgress("batch", "lockdown"));
        await using var running = await RunAsync(cluster);
        var caches = running.Caches;

        Assert.Equal(Gsa, caches.Find("apps", "web").ServiceAccount!.Metadata!.Annotation("iam.gke.io/gcp-service-account"));
        Assert.Equal(KsaLookupStatus.NotFound, caches.Find("apps", "created-in-the-same-apply").Status);
        Assert.Equal(Mode.Enforce, new DecisionPolicy(new WiGuardOptions()).ModeFor(((INamespaceLookup)caches).Find("apps")));
        Assert.Null(((INamespaceLookup)caches).Find("missing"));
        Assert.True(caches.UsesWorkloadIdentity("apps"));
        Assert.False(caches.UsesWorkloadIdentity("batch"));
        Assert.False(caches.UsesWorkloadIdentity("empty"));
        var policy = Assert.Single(caches.InNamespace("apps")!);
        Assert.Equal("deny-egress", policy.Metadata!.Name);
        Assert.Equal("NetworkPolicy", policy.Kind);
        Assert.Equal(["Egress"], policy.Spec!.PolicyTypes!);
        Assert.Empty(caches.InNamespace("empty")!);
        Assert.True(caches.Ready);
        Assert.Null(caches.Problem);
    }

    [Fact]
    public async Task Lookups_KsaAnnotatedAfterSync_SeeTheChange()
    {
        await using var cluster = await Cluster.StartAsync();
        cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "web"));
        await using var running = await RunAsync(cluster);
        Assert.False(running.Caches.UsesWorkloadIdentity("apps"));

        cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "web", Gsa));

        await Eventually.TrueAsync(() => running.Caches.UsesWorkloadIdentity("apps") == true, "the annotation to arrive");
    }

    private static async Task<RunningCaches> RunAsync(Cluster cluster)
    {
        var caches = cluster.Caches.Cluster();
        var stop = new CancellationTokenSource();
        var task = caches.RunAsync(stop.Token);
        await Eventually.TrueAsync(() => caches.Ready && caches.NetworkPolicies.Synced, "the caches to sync");
        await cluster.Server.WaitForWatchesAsync(FakeResource.ServiceAccounts);
        return new RunningCaches(caches, stop, task);
    }

    private sealed record RunningCaches(ClusterCaches Caches, CancellationTokenSource Stop, Task Task) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Stop.CancelAsync();
            await Task.WaitAsync(TimeSpan.FromSeconds(10));
            Stop.Dispose();
        }
    }
}
