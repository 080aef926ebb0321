using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using WiGuard.Chart.Tests.Support;

namespace WiGuard.Chart.Tests;

/// <summary>The chart's own CA and serving certificate (cert-manager off, the default).</summary>
public sealed class GeneratedTlsTests
{
    private const string ServiceDnsName = "wiguard.wiguard.svc";

    [Fact]
    public async Task Install_GeneratesServingCertificateTheWebhookCaTrusts()
    {
        var chart = await Helm.RenderAsync();

        var secret = chart.Single("Secret", "wiguard-tls");
        Assert.Equal("kubernetes.io/tls", (string?)secret["type"]);
        AssertCaBundleIs((string)secret["data"]!["ca.crt"]!, chart);

        using var ca = X509Certificate2.CreateFromPem(Decode(secret, "ca.crt"));
        using var served = X509Certificate2.CreateFromPem(Decode(secret, "tls.crt"), Decode(secret, "tls.key"));
        Assert.True(served.HasPrivateKey);
        CertificateAssertions.AssertServes(served, ca, ServiceDnsName);
    }

    [Fact]
    public async Task Upgrade_ExistingSecret_KeepsCaAndCertificateInsteadOfRotating()
    {
        var previous = TestCertificates.Create(ServiceDnsName);
        await using var cluster = await FakeKubernetesApi.StartAsync();
        cluster.Add(ExistingTlsSecret(new Dictionary<string, string>
        {
            ["ca.crt"] = previous.CaPem,
            ["tls.crt"] = previous.CertPem,
            ["tls.key"] = previous.KeyPem,
        }));

        var chart = await RenderAgainstAsync(cluster);

        var secret = chart.Single("Secret", "wiguard-tls");
        Assert.Equal(previous.CaPem, Decode(secret, "ca.crt"));
        Assert.Equal(previous.CertPem, Decode(secret, "tls.crt"));
        Assert.Equal(previous.KeyPem, Decode(secret, "tls.key"));
        AssertCaBundleIs(Convert.ToBase64String(Encoding.ASCII.GetBytes(previous.CaPem)), chart);
    }

    [Fact]
    public async Task Upgrade_ExistingSecretWithoutCa_GeneratesConsistentNewPair()
    {
        var previous = TestCertificates.Create(ServiceDnsName);
        await using var cluster = await FakeKubernetesApi.StartAsync();
        cluster.Add(ExistingTlsSecret(new Dictionary<string, string>
        {
            ["tls.crt"] = previous.CertPem,
            ["tls.key"] = previous.KeyPem,
        }));

        var chart = await RenderAgainstAsync(cluster);

        var secret = chart.Single("Secret", "wiguard-tls");
        Assert.NotEqual(previous.CertPem, Decode(secret, "tls.crt"));
        AssertCaBundleIs((string)secret["data"]!["ca.crt"]!, chart);
        using var ca = X509Certificate2.CreateFromPem(Decode(secret, "ca.crt"));
        using var served = X509Certificate2.CreateFromPem(Decode(secret, "tls.crt"));
        CertificateAssertions.AssertChainsTo(served, ca);
    }

    [Fact]
    public async Task GenerateOff_RendersNoSecretAndUsesTheGivenCa()
    {
        var ca = TestCertificates.Create(ServiceDnsName).CaPem;
        var caFile = Path.Combine(Path.GetTempPath(), $"wiguard-ca-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(caFile, ca);
        try
        {
            var chart = await Helm.RenderAsync("--set", "tls.generate=false", "--set-file", $"tls.caBundle={caFile}");

            Assert.Empty(chart.OfKind("Secret"));
            AssertCaBundleIs(Convert.ToBase64String(Encoding.ASCII.GetBytes(ca)), chart);
        }
        finally
        {
            File.Delete(caFile);
        }
    }

    [Fact]
    public async Task GenerateOff_WithoutCa_LeavesCaBundleForTheInstallerToFill()
    {
        var chart = await Helm.RenderAsync("--set", "tls.generate=false");

        Assert.Empty(chart.OfKind("Secret"));
        Assert.All(chart.Webhooks, w => Assert.Null(w["clientConfig"]!["caBundle"]));
    }

    private static async Task<Rendered> RenderAgainstAsync(FakeKubernetesApi cluster)
    {
        var result = await Helm.TemplateAsync(
            ["--dry-run=server", "--disable-openapi-validation", "--kubeconfig", cluster.KubeconfigPath]);
        Assert.True(result.Succeeded, result.ToString());
        return new Rendered(YamlDocuments.Parse(result.StdOut));
    }

    /// <summary>The Secret as a previous `helm install` left it, ownership metadata included.</summary>
    private static JsonObject ExistingTlsSecret(Dictionary<string, string> pemData) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["type"] = "kubernetes.io/tls",
        ["metadata"] = new JsonObject
        {
            ["name"] = "wiguard-tls",
            ["namespace"] = Helm.Namespace,
            ["labels"] = new JsonObject { ["app.kubernetes.io/managed-by"] = "Helm" },
            ["annotations"] = new JsonObject
            {
                ["meta.helm.sh/release-name"] = Helm.Release,
                ["meta.helm.sh/release-namespace"] = Helm.Namespace,
            },
        },
        ["data"] = new JsonObject(pemData.Select(p =>
            KeyValuePair.Create(p.Key, (JsonNode?)Convert.ToBase64String(Encoding.ASCII.GetBytes(p.Value))))),
    };

    private static string Decode(JsonObject secret, string key) =>
        Encoding.ASCII.GetString(Convert.FromBase64String((string)secret["data"]![key]!));

    private static void AssertCaBundleIs(string expectedBase64, Rendered chart) =>
        Assert.All(chart.Webhooks, w => Assert.Equal(expectedBase64, (string?)w["clientConfig"]!["caBundle"]));
}
