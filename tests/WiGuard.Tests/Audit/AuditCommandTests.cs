using System.Text.Json;
using WiGuard.TestSupport.FakeKubernetes;
using WiGuard.Tests.Check;

namespace WiGuard.Tests.Audit;

/// <summary><c>wiguard audit</c> against a fake API server on loopback, reached through a real kubeconfig.</summary>
public sealed class AuditCommandTests : IAsyncLifetime
{
    private const string Token = "audit-token-3f9c";
    private readonly string _dir = Directory.CreateTempSubdirectory("wiguard-audit-").FullName;
    private FakeKubernetesServer _server = null!;
    private string _kubeconfig = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeKubernetesServer.StartAsync();
        _server.AllowToken(Token);
        _kubeconfig = Kubeconfig.Write(_dir, _server.BaseUri, _server.Pki.AuthorityPem, token: Token);

        _server.Apply(FakeResource.ServiceAccounts, """
            {"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"app-ksa","namespace":"apps",
             "annotations":{"iam.gke.io/gcp-service-account":"app-gsa"}}}
            """);
        _server.Apply(FakeResource.ServiceAccounts, """
            {"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"default","namespace":"kube-system",
             "annotations":{"iam.gke.io/gcp-service-account":"not-an-email"}}}
            """);
        _server.Apply(FakeResource.Deployments, """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"apps"},
             "spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
             "spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}}
            """);
        _server.Apply(FakeResource.ReplicaSets, """
            {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"web-7d4b9c","namespace":"apps",
             "ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"web","uid":"1b2c","controller":true}]},
             "spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
             "spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}}
            """);
        _server.Apply(FakeResource.Deployments, """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"api","namespace":"staging"},
             "spec":{"selector":{"matchLabels":{"app":"api"}},"template":{"metadata":{"labels":{"app":"api"}},
             "spec":{"serviceAccountName":"api-ksa","hostNetwork":true,"containers":[{"name":"api","image":"api:2"}]}}}}
            """);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Audit_WholeCluster_ReportsWhatRunsWrongAndExitsOneOnDenyLevelFindings()
    {
        var result = await new CliHarness().RunAsync("audit", "--kubeconfig", _kubeconfig, "-o", "json");

        Assert.Equal(1, result.ExitCode);
        using var report = JsonDocument.Parse(result.Out);
        var objects = report.RootElement.GetProperty("objects").EnumerateArray()
            .ToDictionary(o => $"{o.GetProperty("kind").GetString()} {o.GetProperty("namespace").GetString()}/{o.GetProperty("name").GetString()}");
        Assert.Contains("WI002", Rules(objects["ServiceAccount apps/app-ksa"]));
        Assert.Contains("WI010", Rules(objects["Deployment apps/web"]));
        Assert.Contains("WI012", Rules(objects["Deployment staging/api"]));
        Assert.DoesNotContain("ReplicaSet apps/web-7d4b9c", objects.Keys);
        Assert.DoesNotContain("ServiceAccount kube-system/default", objects.Keys);
    }

    [Fact]
    public async Task Audit_OneNamespace_ReportsOnlyThatNamespace()
    {
        var result = await new CliHarness().RunAsync("audit", "--kubeconfig", _kubeconfig, "-n", "staging");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Deployment staging/api", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("apps/", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_ExpiredToken_ExitsTwoNamingTheRefusal()
    {
        _server.RevokeToken(Token);

        var result = await new CliHarness().RunAsync("audit", "--kubeconfig", _kubeconfig);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("401", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_BrokenKubeconfig_ExitsTwoNamingTheFile()
    {
        var broken = Kubeconfig.WriteText(_dir, "apiVersion: v1\nkind: Config\nclusters: [\n", "broken");

        var result = await new CliHarness().RunAsync("audit", "--kubeconfig", broken);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(broken, result.Error, StringComparison.Ordinal);
    }

    private static List<string> Rules(JsonElement entry) =>
        [.. entry.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("rule").GetString()!)];
}
