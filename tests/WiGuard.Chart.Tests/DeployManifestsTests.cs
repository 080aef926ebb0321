using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using WiGuard.Chart.Tests.Support;

namespace WiGuard.Chart.Tests;

/// <summary>deploy/ is the chart rendered by deploy/render.sh; these tests keep the two in step.</summary>
public sealed class DeployManifestsTests
{
    [Fact]
    public async Task DeployFolder_MatchesAFreshRenderingOfTheChart()
    {
        var fresh = Directory.CreateTempSubdirectory("wiguard-deploy-");
        try
        {
            var render = await Processes.RunAsync(
                "bash", [Path.Combine(RepoPaths.Deploy, "render.sh"), fresh.FullName],
                new Dictionary<string, string> { ["HELM_BIN"] = Helm.BinaryPath });
            Assert.True(render.Succeeded, render.ToString());

            var expected = LoadObjects(fresh.FullName);
            var committed = LoadObjects(RepoPaths.Deploy);
            Assert.NotEmpty(expected);

            var drifted = expected.Keys.Union(committed.Keys)
                .Where(key => !committed.TryGetValue(key, out var c) || !expected.TryGetValue(key, out var e) || !JsonNode.DeepEquals(c, e))
                .Order()
                .ToList();
            Assert.True(drifted.Count == 0,
                $"deploy/ has drifted from charts/wiguard in: {string.Join(", ", drifted)}. Run deploy/render.sh and commit the result.");
        }
        finally
        {
            fresh.Delete(recursive: true);
        }
    }

    [Fact]
    public void DeployFolder_CarriesNoKeyMaterial()
    {
        var objects = LoadObjects(RepoPaths.Deploy).Values.ToList();

        Assert.DoesNotContain(objects, o => (string?)o["kind"] == "Secret");
        var webhooks = objects.Single(o => (string?)o["kind"] == "ValidatingWebhookConfiguration")["webhooks"]!.AsArray();
        Assert.All(webhooks, w => Assert.Null(w!["clientConfig"]!["caBundle"]));
    }

    [Fact]
    public void DeployFolder_CreatesTheNamespaceItsObjectsLiveIn()
    {
        var objects = LoadObjects(RepoPaths.Deploy).Values.ToList();

        var ns = Rendered.Name(objects.Single(o => (string?)o["kind"] == "Namespace"));
        var deployment = objects.Single(o => (string?)o["kind"] == "Deployment");
        Assert.Equal(ns, Rendered.NamespaceOf(deployment));
    }

    [Fact]
    public async Task TlsScript_MakesACertificateForTheDeployedServiceSignedByItsCa()
    {
        var service = LoadObjects(RepoPaths.Deploy).Values.Single(o => (string?)o["kind"] == "Service");
        var dnsName = $"{Rendered.Name(service)}.{Rendered.NamespaceOf(service)}.svc";
        var output = Directory.CreateTempSubdirectory("wiguard-tls-");
        try
        {
            var run = await Processes.RunAsync(
                "bash", [Path.Combine(RepoPaths.Deploy, "tls.sh")],
                new Dictionary<string, string> { ["WIGUARD_TLS_OUT"] = output.FullName });
            Assert.True(run.Succeeded, run.ToString());

            using var ca = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(output.FullName, "ca.crt")));
            using var served = X509Certificate2.CreateFromPemFile(
                Path.Combine(output.FullName, "tls.crt"), Path.Combine(output.FullName, "tls.key"));
            Assert.True(served.HasPrivateKey);
            CertificateAssertions.AssertServes(served, ca, dnsName);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    /// <summary>Every object in the folder's YAML files, keyed kind/namespace/name.</summary>
    private static Dictionary<string, JsonObject> LoadObjects(string folder) =>
        Directory.EnumerateFiles(folder, "*.yaml")
            .SelectMany(file => YamlDocuments.Parse(File.ReadAllText(file)))
            .ToDictionary(o => $"{o["kind"]}/{Rendered.NamespaceOf(o)}/{Rendered.Name(o)}");
}
