using WiGuard.TestSupport.FakeKubernetes;
using WiGuard.Tests.Support;

namespace WiGuard.Tests.Cluster;

/// <summary>
/// WI020 with the namespace's other NetworkPolicies from the cache: policies are additive, so a
/// default-deny egress policy is fine when another policy already lets the same pods reach the metadata server.
/// </summary>
public sealed class NetworkPolicyAdditivityTests : IAsyncLifetime
{
    private const string DefaultDenyEgress = """
        {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy",
         "metadata":{"name":"default-deny-egress","namespace":"apps"},
         "spec":{"podSelector":{},"policyTypes":["Egress"]}}
        """;

    private const string AllowMetadataEgress = """
        {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy",
         "metadata":{"name":"allow-gke-metadata","namespace":"apps"},
         "spec":{"podSelector":{},"policyTypes":["Egress"],
          "egress":[
           {"to":[{"ipBlock":{"cidr":"169.254.169.254/32"}}],"ports":[{"protocol":"TCP","port":80}]},
           {"to":[{"ipBlock":{"cidr":"169.254.169.252/32"}}],"ports":[{"protocol":"TCP","port":988}]}]}}
        """;

    private ClusterWebhook _sut = null!;

    public async Task InitializeAsync()
    {
        _sut = await ClusterWebhook.CreateAsync();
        _sut.ApplyNamespace("apps");
        _sut.ApplyServiceAccount("apps", "app-ksa", ClusterWebhook.AppGsa);
    }

    public async Task DisposeAsync() => await _sut.DisposeAsync();

    [Fact]
    public async Task DefaultDenyEgress_ClusterAlreadyAllowsMetadataForTheSamePods_HasNoWi020()
    {
        _sut.Cluster.Apply(FakeResource.NetworkPolicies, AllowMetadataEgress);
        await StartAsync();

        var response = await _sut.Webhook.ReviewAsync(Reviews.For(DefaultDenyEgress));

        Assert.True(ClusterWebhook.Allowed(response));
        Assert.Empty(ClusterWebhook.Warnings(response));
    }

    [Fact]
    public async Task DefaultDenyEgress_NothingElseAllowsMetadata_WarnsWi020()
    {
        await StartAsync();

        var response = await _sut.Webhook.ReviewAsync(Reviews.For(DefaultDenyEgress));

        Assert.True(ClusterWebhook.Allowed(response));
        var warning = Assert.Single(ClusterWebhook.Warnings(response));
        Assert.StartsWith("[WI020]", warning, StringComparison.Ordinal);
        Assert.Contains("169.254.169.254", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DefaultDenyEgress_AllowPolicySelectsOnlySomePods_WarnsWi020()
    {
        _sut.Cluster.Apply(FakeResource.NetworkPolicies, AllowMetadataEgress
            .Replace("\"podSelector\":{}", "\"podSelector\":{\"matchLabels\":{\"app\":\"orders\"}}", StringComparison.Ordinal));
        await StartAsync();

        var response = await _sut.Webhook.ReviewAsync(Reviews.For(DefaultDenyEgress));

        Assert.Contains(ClusterWebhook.Warnings(response), w => w.StartsWith("[WI020]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DefaultDenyEgress_AllowPolicyAppliedAfterStart_IsSeenThroughTheWatch()
    {
        await StartAsync();
        var review = Reviews.For(DefaultDenyEgress);
        Assert.Contains(ClusterWebhook.Warnings(await _sut.Webhook.ReviewAsync(review)), w => w.StartsWith("[WI020]", StringComparison.Ordinal));

        _sut.Cluster.Apply(FakeResource.NetworkPolicies, AllowMetadataEgress);

        await _sut.ReviewUntilAsync(review, r => ClusterWebhook.Warnings(r).Count == 0);
    }

    [Fact]
    public async Task UpdateRemovingMetadataFromTheOnlyAllowPolicy_WarnsWi020DespiteItsOldVersionInTheCache()
    {
        _sut.Cluster.Apply(FakeResource.NetworkPolicies, AllowMetadataEgress);
        _sut.Cluster.Apply(FakeResource.NetworkPolicies, DefaultDenyEgress);
        await StartAsync();
        const string dnsOnly = """
            {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy",
             "metadata":{"name":"allow-gke-metadata","namespace":"apps"},
             "spec":{"podSelector":{},"policyTypes":["Egress"],
              "egress":[{"ports":[{"protocol":"UDP","port":53},{"protocol":"TCP","port":53}]}]}}
            """;

        var response = await _sut.Webhook.ReviewAsync(Reviews.For(dnsOnly, "UPDATE", oldObjectJson: AllowMetadataEgress));

        Assert.Contains(ClusterWebhook.Warnings(response), w => w.StartsWith("[WI020]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DefaultDenyEgress_InNamespaceWithoutWorkloadIdentity_HasNoWi020()
    {
        _sut.ApplyNamespace("batch");
        _sut.ApplyServiceAccount("batch", "default", gsa: null);
        await StartAsync();

        var response = await _sut.Webhook.ReviewAsync(Reviews.For(DefaultDenyEgress.Replace("\"apps\"", "\"batch\"", StringComparison.Ordinal)));

        Assert.True(ClusterWebhook.Allowed(response));
        Assert.Empty(ClusterWebhook.Warnings(response));
    }

    /// <summary>Ready covers ServiceAccounts and Namespaces; the NetworkPolicy cache has listed once its watch is open.</summary>
    private async Task StartAsync()
    {
        await _sut.StartReadyAsync();
        await _sut.Cluster.WaitForWatchesAsync(FakeResource.NetworkPolicies);
    }
}
