using System.Text.Json.Nodes;
using WiGuard.Core.Facts;
using WiGuard.Core.Rules;
using WiGuard.Core.Rules.Pods;
using WiGuard.Core.Tests.Support;

namespace WiGuard.Core.Tests.Rules;

public sealed class DefaultServiceAccountRuleTests
{
    private static List<Finding> Evaluate(JsonObject manifest) =>
        [.. new DefaultServiceAccountRule().Evaluate(new RuleContext(Manifests.Review(manifest), EvaluationFacts.None))];

    public static TheoryData<string, string> KindsAndSnippets => new()
    {
        { "Pod", "spec:\n  serviceAccountName: billing" },
        { "Deployment", "spec:\n  template:\n    spec:\n      serviceAccountName: billing" },
        { "StatefulSet", "spec:\n  template:\n    spec:\n      serviceAccountName: billing" },
        { "DaemonSet", "spec:\n  template:\n    spec:\n      serviceAccountName: billing" },
        { "ReplicaSet", "spec:\n  template:\n    spec:\n      serviceAccountName: billing" },
        { "ReplicationController", "spec:\n  template:\n    spec:\n      serviceAccountName: billing" },
        { "Job", "spec:\n  template:\n    spec:\n      serviceAccountName: billing" },
        { "CronJob", "spec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          serviceAccountName: billing" },
    };

    [Theory]
    [MemberData(nameof(KindsAndSnippets))]
    public void Evaluate_NoServiceAccountName_WarnsWithYamlAtTheKindsPath(string kind, string snippet)
    {
        var finding = Assert.Single(Evaluate(Manifests.Load(kind)));

        Assert.Equal("WI010", finding.RuleId);
        Assert.Equal("[WI010] no serviceAccountName: pods run as the namespace's 'default' KSA", finding.Message);
        Assert.Equal($"kubectl create serviceaccount billing -n payments\nand set in the manifest:\n{snippet}", finding.Fix);
    }

    [Theory]
    [MemberData(nameof(KindsAndSnippets))]
    public void Evaluate_ExplicitDefault_WarnsThatDefaultIsShared(string kind, string snippet)
    {
        var manifest = Manifests.Load(kind);
        Manifests.PodSpec(manifest)["serviceAccountName"] = "default";

        var finding = Assert.Single(Evaluate(manifest));

        Assert.Equal("[WI010] pods run as the namespace's 'default' KSA; give them a dedicated serviceAccountName", finding.Message);
        Assert.EndsWith(snippet, finding.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Pod")]
    [InlineData("Deployment")]
    [InlineData("StatefulSet")]
    [InlineData("DaemonSet")]
    [InlineData("ReplicaSet")]
    [InlineData("ReplicationController")]
    [InlineData("Job")]
    [InlineData("CronJob")]
    public void Evaluate_DedicatedServiceAccountName_ReportsNothing(string kind)
    {
        var manifest = Manifests.Load(kind);
        Manifests.PodSpec(manifest)["serviceAccountName"] = "billing";

        Assert.Empty(Evaluate(manifest));
    }

    [Fact]
    public void Evaluate_DeprecatedServiceAccountField_CountsAsNamingTheKsa()
    {
        var manifest = Manifests.Load("Deployment");
        Manifests.PodSpec(manifest)["serviceAccount"] = "billing";

        Assert.Empty(Evaluate(manifest));
    }

    [Fact]
    public void Evaluate_EmptyServiceAccountName_IsTheDefaultKsa()
    {
        var manifest = Manifests.Load("Deployment");
        Manifests.PodSpec(manifest)["serviceAccountName"] = "";

        Assert.Single(Evaluate(manifest));
    }

    [Fact]
    public void Evaluate_WorkloadWithoutAppLabel_SuggestsAKsaNamedAfterTheWorkload()
    {
        var manifest = Manifests.Load("Job");
        manifest["metadata"]!["name"] = "nightly-export";
        manifest["spec"]!["template"]!["metadata"] = new JsonObject();

        var finding = Assert.Single(Evaluate(manifest));

        Assert.StartsWith("kubectl create serviceaccount nightly-export -n payments\n", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ServiceAccountObject_IsNotThisRulesBusiness()
    {
        var context = new RuleContext(Manifests.ServiceAccount("default", "payments"), EvaluationFacts.None);

        Assert.Empty(new DefaultServiceAccountRule().Evaluate(context));
    }
}
