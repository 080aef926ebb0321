using System.Text.Json.Nodes;
using WiGuard.Core.Facts;
using WiGuard.Core.Rules;
using WiGuard.Core.Rules.Pods;
using WiGuard.Core.Tests.Support;

namespace WiGuard.Core.Tests.Rules;

public sealed class HostNetworkRuleTests
{
    private const string Gsa = "billing-gsa@acme-prod.iam.gserviceaccount.com";

    private static readonly FakeServiceAccounts Cluster = new FakeServiceAccounts()
        .With(Manifests.ServiceAccount("billing", "payments", ("iam.gke.io/gcp-service-account", Gsa)))
        .With(Manifests.ServiceAccount("node-agent", "payments"));

    private static JsonObject HostNetworkManifest(string kind, string? ksa)
    {
        var manifest = Manifests.Load(kind);
        var spec = Manifests.PodSpec(manifest);
        spec["hostNetwork"] = true;
        if (ksa is not null) spec["serviceAccountName"] = ksa;
        return manifest;
    }

    private static List<Finding> Evaluate(JsonObject manifest, IServiceAccountLookup ksas) =>
        [.. new HostNetworkRule().Evaluate(new RuleContext(Manifests.Review(manifest), new EvaluationFacts { Ksas = ksas }))];

    [Theory]
    [InlineData("Pod", "spec")]
    [InlineData("Deployment", "spec.template.spec")]
    [InlineData("StatefulSet", "spec.template.spec")]
    [InlineData("DaemonSet", "spec.template.spec")]
    [InlineData("ReplicaSet", "spec.template.spec")]
    [InlineData("ReplicationController", "spec.template.spec")]
    [InlineData("Job", "spec.template.spec")]
    [InlineData("CronJob", "spec.jobTemplate.spec.template.spec")]
    public void Evaluate_HostNetworkWithAnnotatedKsa_WarnsNamingTheGsaItWillNotGet(string kind, string specPath)
    {
        var finding = Assert.Single(Evaluate(HostNetworkManifest(kind, "billing"), Cluster));

        Assert.Equal("WI012", finding.RuleId);
        Assert.Equal($"[WI012] hostNetwork pods get the node's identity, not GSA {Gsa} (KSA 'billing')", finding.Message);
        Assert.StartsWith($"remove hostNetwork: true from {specPath};", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_HostNetworkWithKsaThatHasNoGsa_ReportsNothing()
    {
        Assert.Empty(Evaluate(HostNetworkManifest("DaemonSet", "node-agent"), Cluster));
    }

    [Fact]
    public void Evaluate_HostNetworkOnDefaultKsaWithoutGsa_ReportsNothing()
    {
        Assert.Empty(Evaluate(HostNetworkManifest("DaemonSet", null), Cluster));
    }

    [Fact]
    public void Evaluate_HostNetworkOnAnnotatedDefaultKsa_Warns()
    {
        var cluster = new FakeServiceAccounts().With(Manifests.ServiceAccount("default", "payments", ("iam.gke.io/gcp-service-account", Gsa)));

        var finding = Assert.Single(Evaluate(HostNetworkManifest("Deployment", null), cluster));

        Assert.Contains("KSA 'default'", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(KsaLookupStatus.NotFound)]
    [InlineData(KsaLookupStatus.Unknown)]
    public void Evaluate_HostNetworkWithNamedKsaThatCannotBeRead_WarnsThatItCouldNotConfirm(KsaLookupStatus status)
    {
        var nowhere = new FakeServiceAccounts { Missing = new KsaLookup(status, null) };

        var finding = Assert.Single(Evaluate(HostNetworkManifest("Deployment", "billing"), nowhere));

        Assert.Equal("[WI012] hostNetwork pods get the node's identity; could not confirm whether KSA 'billing' has a GSA", finding.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("default")]
    public void Evaluate_HostNetworkOnDefaultKsaThatCannotBeRead_ReportsNothing(string? ksa)
    {
        Assert.Empty(Evaluate(HostNetworkManifest("DaemonSet", ksa), NoServiceAccountLookup.Instance));
    }

    [Fact]
    public void Evaluate_NoHostNetwork_ReportsNothingEvenForAnAnnotatedKsa()
    {
        var manifest = Manifests.Load("Deployment");
        var spec = Manifests.PodSpec(manifest);
        spec["serviceAccountName"] = "billing";
        spec["hostNetwork"] = false;

        Assert.Empty(Evaluate(manifest, Cluster));
    }

    [Fact]
    public void Evaluate_KsaInAnotherNamespace_DoesNotCount()
    {
        var manifest = HostNetworkManifest("Deployment", "billing");
        manifest["metadata"]!["namespace"] = "staging";

        var finding = Assert.Single(Evaluate(manifest, Cluster));

        Assert.Contains("could not confirm", finding.Message, StringComparison.Ordinal);
    }
}
