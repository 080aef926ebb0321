using WiGuard.Chart.Tests.Support;

namespace WiGuard.Chart.Tests;

public sealed class CertManagerTests
{
    [Fact]
    public async Task Enabled_IssuesTheServingCertificateIntoTheMountedSecret()
    {
        var chart = await Helm.RenderAsync("--set", "certManager.enabled=true");

        Assert.Empty(chart.OfKind("Secret"));
        var mounted = (string?)chart.PodSpec["volumes"]!.AsArray().Single(v => (string?)v!["name"] == "tls")!["secret"]!["secretName"];
        var serving = chart.OfKind("Certificate").Single(c => (string?)c["spec"]!["secretName"] == mounted);
        Assert.Contains("wiguard.wiguard.svc", Rendered.Strings(serving["spec"]!["dnsNames"]));
        Assert.Contains("server auth", Rendered.Strings(serving["spec"]!["usages"]));
    }

    [Fact]
    public async Task Enabled_WithoutIssuer_ChainsServingCertificateToTheChartsOwnCa()
    {
        var chart = await Helm.RenderAsync("--set", "certManager.enabled=true");

        var serving = chart.Single("Certificate", "wiguard-tls");
        var caIssuer = chart.Single("Issuer", (string)serving["spec"]!["issuerRef"]!["name"]!);
        var caCertificate = chart.OfKind("Certificate")
            .Single(c => (string?)c["spec"]!["secretName"] == (string?)caIssuer["spec"]!["ca"]!["secretName"]);
        Assert.True((bool)caCertificate["spec"]!["isCA"]!);
        var root = chart.Single("Issuer", (string)caCertificate["spec"]!["issuerRef"]!["name"]!);
        Assert.NotNull(root["spec"]!["selfSigned"]);
    }

    [Fact]
    public async Task Enabled_AsksTheCaInjectorToFillTheWebhookCa()
    {
        var chart = await Helm.RenderAsync("--set", "certManager.enabled=true");

        var annotations = chart.WebhookConfiguration["metadata"]!["annotations"]!;
        Assert.Equal("wiguard/wiguard-tls", (string?)annotations["cert-manager.io/inject-ca-from"]);
        Assert.NotNull(chart.Single("Certificate", "wiguard-tls"));
        Assert.All(chart.Webhooks, w => Assert.Null(w["clientConfig"]!["caBundle"]));
    }

    [Fact]
    public async Task Enabled_WithOwnClusterIssuer_CreatesNoIssuers()
    {
        var chart = await Helm.RenderAsync(
            "--set", "certManager.enabled=true",
            "--set", "certManager.issuerRef.name=corp-ca",
            "--set", "certManager.issuerRef.kind=ClusterIssuer");

        Assert.Empty(chart.OfKind("Issuer"));
        var issuerRef = chart.Single("Certificate")["spec"]!["issuerRef"]!;
        Assert.Equal("corp-ca", (string?)issuerRef["name"]);
        Assert.Equal("ClusterIssuer", (string?)issuerRef["kind"]);
    }

    [Fact]
    public async Task Disabled_RendersNoCertManagerObjects()
    {
        var chart = await Helm.RenderAsync();

        Assert.Empty(chart.OfKind("Certificate"));
        Assert.Empty(chart.OfKind("Issuer"));
        Assert.Null(chart.WebhookConfiguration["metadata"]!["annotations"]);
    }
}
