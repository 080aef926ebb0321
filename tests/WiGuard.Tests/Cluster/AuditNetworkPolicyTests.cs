using System.Text.Json;
using WiGuard.TestSupport.FakeKubernetes;
using WiGuard.Tests.Check;

namespace WiGuard.Tests.Cluster;

/// <summary><c>wiguard audit</c> judges NetworkPolicies as the webhook does: WI020 only where Workload Identity is used.</summary>
public sealed class AuditNetworkPolicyTests : IAsyncLifetime
{
    private const string DefaultDenyEgress = """
        {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy",
         "metadata":{"name":"default-deny-egress","namespace":"NS"},
         "spec":{"podSelector":{},"policyTypes":["Egress"]}}
        """;

    private ClusterWebhook _sut = null!;
    private string _dir = null!;

    public async Task InitializeAsync()
    {
        _sut = await ClusterWebhook.CreateAsync();
        _dir = Directory.CreateTempSubdirectory("wiguard-audit-np-").FullName;
        _sut.ApplyServiceAccount("apps", "app-ksa", ClusterWebhook.AppGsa);
        _sut.ApplyServiceAccount("batch", "default", gsa: null);
        _sut.Cluster.Apply(FakeResource.NetworkPolicies, DefaultDenyEgress.Replace("NS", "apps", StringComparison.Ordinal));
        _sut.Cluster.Apply(FakeResource.NetworkPolicies, DefaultDenyEgress.Replace("NS", "batch", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        await _sut.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Audit_DefaultDenyEgress_ReportsWi020OnlyInTheNamespaceThatUsesWorkloadIdentity()
    {
        var kubeconfig = Kubeconfig.Write(_dir, _sut.Cluster.BaseUri, _sut.Cluster.Pki.AuthorityPem, token: ClusterWebhook.Token);

        var result = await new CliHarness().RunAsync("audit", "--kubeconfig", kubeconfig, "-o", "json");

        using var report = JsonDocument.Parse(result.Out);
        var withWi020 = report.RootElement.GetProperty("objects").EnumerateArray()
            .Where(o => o.GetProperty("findings").EnumerateArray().Any(f => f.GetProperty("rule").GetString() == "WI020"))
            .Select(o => $"{o.GetProperty("namespace").GetString()}/{o.GetProperty("name").GetString()}")
            .ToList();
        Assert.Equal(["apps/default-deny-egress"], withWi020);
    }
}
