using WiGuard.Core.Kubernetes;
using WiGuard.Kubernetes.Inventory;
using WiGuard.Kubernetes.Tests.Support;
using WiGuard.TestSupport.FakeKubernetes;

namespace WiGuard.Kubernetes.Tests.Inventory;

public sealed class ClusterInventoryTests
{
    [Fact]
    public async Task ListAllAsync_WholeCluster_ReturnsEveryCheckedKindAndTheMasqueradeConfigMaps()
    {
        await using var cluster = await SeededAsync();

        var objects = await new ClusterInventory(cluster.Api, cluster.Options).ListAllAsync(null, CancellationToken.None);

        Assert.Equal(
            [
                "ConfigMap kube-system/cilium-config",
                "ConfigMap kube-system/ip-masq-agent",
                "CronJob apps/nightly",
                "Deployment apps/web",
                "Deployment shop/cart",
                "NetworkPolicy apps/deny-egress",
                "Pod apps/web-0",
                "ServiceAccount apps/web",
                "ServiceAccount kube-system/coredns",
                "ServiceAccount shop/cart",
            ],
            Describe(objects));
    }

    [Fact]
    public async Task ListAllAsync_OneNamespace_ReturnsOnlyItsObjects()
    {
        await using var cluster = await SeededAsync();

        var objects = await new ClusterInventory(cluster.Api, cluster.Options).ListAllAsync("apps", CancellationToken.None);

        Assert.Equal(
            ["CronJob apps/nightly", "Deployment apps/web", "NetworkPolicy apps/deny-egress", "Pod apps/web-0", "ServiceAccount apps/web"],
            Describe(objects));
        Assert.Contains(cluster.Server.Requests, r => r.Path == "/apis/batch/v1/namespaces/apps/cronjobs");
    }

    [Fact]
    public async Task ListAllAsync_ObjectsReadAsTheirKind_ForTheRules()
    {
        await using var cluster = await SeededAsync();

        var objects = await new ClusterInventory(cluster.Api, cluster.Options).ListAllAsync("apps", CancellationToken.None);

        var cronJob = objects.Single(o => o.Kind == ResourceKind.CronJob);
        var value = KubeObjectReader.Read(cronJob.Kind, cronJob.Object);
        var subject = new ReviewedObject(cronJob.Kind, "apps", "nightly", value);
        Assert.Equal("batch/v1", value.ApiVersion);
        Assert.Equal("nightly-ksa", subject.PodTemplate!.ServiceAccountName);
    }

    [Fact]
    public async Task ListAllAsync_Unavailable_ThrowsTheReason()
    {
        var inventory = new UnavailableClusterInventory(KubernetesServiceCollectionExtensions.NoClusterMessage);

        var error = await Assert.ThrowsAsync<WiGuard.Kubernetes.Connection.KubernetesConfigException>(() => inventory.ListAllAsync(null, CancellationToken.None));

        Assert.Equal("no Kubernetes cluster is configured: set WiGuard:Kubernetes:Kubeconfig or run in a pod with a service account", error.Message);
    }

    private static async Task<Cluster> SeededAsync()
    {
        var cluster = await Cluster.StartAsync();
        var server = cluster.Server;
        server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "web", "web-gsa@my-proj.iam.gserviceaccount.com"));
        server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("shop", "cart"));
        server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("kube-system", "coredns"));
        server.Apply(FakeResource.Pods, Samples.Pod("apps", "web-0", "web"));
        server.Apply(FakeResource.Deployments, Samples.Deployment("apps", "web", "web"));
        server.Apply(FakeResource.Deployments, Samples.Deployment("shop", "cart", "cart"));
        server.Apply(FakeResource.CronJobs, Samples.CronJob("apps", "nightly", "nightly-ksa"));
        server.Apply(FakeResource.NetworkPolicies, Samples.DenyAllEgress("apps", "deny-egress"));
        server.Apply(FakeResource.ConfigMaps, Samples.ConfigMap("kube-system", "cilium-config", "enable-bpf-masquerade", "true"));
        server.Apply(FakeResource.ConfigMaps, Samples.ConfigMap("kube-system", "ip-masq-agent", "config", "masqLinkLocal: true"));
        server.Apply(FakeResource.ConfigMaps, Samples.ConfigMap("kube-system", "coredns", "Corefile", ".:53"));
        server.Apply(FakeResource.ConfigMaps, Samples.ConfigMap("apps", "settings", "level", "info"));
        return cluster;
    }

    private static List<string> Describe(IReadOnlyList<ClusterObject> objects) =>
    [
        .. objects
            .Select(o => $"{o.Object.GetProperty("kind").GetString()} {o.Object.GetProperty("metadata").GetProperty("namespace").GetString()}/{o.Object.GetProperty("metadata").GetProperty("name").GetString()}")
            .Order(StringComparer.Ordinal),
    ];
}
