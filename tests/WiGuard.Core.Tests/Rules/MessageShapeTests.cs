using System.Text.Json.Nodes;
using WiGuard.Core.Evaluation;
using WiGuard.Core.Facts;
using WiGuard.Core.Kubernetes;
using WiGuard.Core.Rules;
using WiGuard.Core.Tests.Support;

namespace WiGuard.Core.Tests.Rules;

/// <summary>What every finding must look like to a user reading kubectl's "Warning:" lines.</summary>
public sealed class MessageShapeTests
{
    private const string Gsa = "billing-gsa@acme-prod.iam.gserviceaccount.com";

    public static TheoryData<string> Scenarios => [.. Corpus().Keys];

    private static Dictionary<string, ReviewedObject> Corpus()
    {
        var corpus = new Dictionary<string, ReviewedObject>();
        string[] values =
        [
            "", " ", Gsa + " ", Gsa + "\n", "${GSA}", "billing-gsa@PROJECT_ID.iam.gserviceaccount.com", "{{ .Values.serviceAccount.gsa }}",
            "billing-gsa", "Billing-GSA@acme-prod.iam.gserviceaccount.com", "billing-gsa@gserviceaccount.com",
            "billing-gsa@acme-prod.iam.gserviceaccount.co", "alice.long-surname@engineering.example.com", "app@acme-prod.iam.gserviceaccount.com",
            "acme-prod@appspot.gserviceaccount.com", "123456789012-compute@developer.gserviceaccount.com",
        ];
        foreach (var value in values)
            corpus[$"WI002 value '{value}'"] = Manifests.ServiceAccount("billing", "payments", ("iam.gke.io/gcp-service-account", value));
        foreach (var key in new[] { "iam.gke.io/gcp_service_account", "IAM.GKE.IO/gcp-service-account", "gke.io/gcp-service-account" })
            corpus[$"WI001 key {key}"] = Manifests.ServiceAccount("billing", "payments", (key, Gsa));
        corpus["WI006"] = Manifests.ServiceAccount("default", "payments", ("iam.gke.io/gcp-service-account", Gsa));

        foreach (var kind in Manifests.WorkloadKinds)
        {
            var manifest = Manifests.Load(kind);
            var spec = Manifests.PodSpec(manifest);
            spec["hostNetwork"] = true;
            spec["serviceAccountName"] = kind == "Pod" ? "default" : "billing";
            Manifests.FirstContainer(manifest)["env"] = new JsonArray(new JsonObject { ["name"] = "GOOGLE_APPLICATION_CREDENTIALS", ["value"] = "/var/run/secrets/google-cloud/key.json" });
            corpus[$"pods {kind}"] = Manifests.Review(manifest);
        }

        return corpus;
    }

    private static IReadOnlyList<Finding> Evaluate(string scenario)
    {
        var ksas = new FakeServiceAccounts().With(Manifests.ServiceAccount("billing", "payments", ("iam.gke.io/gcp-service-account", Gsa)));
        return new Evaluator().Evaluate(Corpus()[scenario], new EvaluationFacts { Ksas = ksas });
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Evaluate_EveryFinding_HasAShortOneLineMessageAWhyAndAFix(string scenario)
    {
        var findings = Evaluate(scenario);

        Assert.NotEmpty(findings);
        Assert.All(findings, f =>
        {
            Assert.StartsWith($"[{f.RuleId}] ", f.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', f.Message);
            Assert.True(f.Message.Length <= 120, $"{f.Message.Length} characters: {f.Message}");
            Assert.False(string.IsNullOrWhiteSpace(f.Why));
            Assert.DoesNotContain('\n', f.Why);
            Assert.False(string.IsNullOrWhiteSpace(f.Fix));
        });
    }

    [Fact]
    public void Catalog_HoldsTheRulesWithTheirDefaultActionsInIdOrder()
    {
        var expected = new[]
        {
            ("WI001", RuleAction.Deny), ("WI002", RuleAction.Deny), ("WI006", RuleAction.Warn),
            ("WI010", RuleAction.Warn), ("WI012", RuleAction.Warn), ("WI013", RuleAction.Warn),
        };

        Assert.Equal(expected, RuleCatalog.All.Where(r => expected.Any(e => e.Item1 == r.Id)).Select(r => (r.Id, r.DefaultAction)));
        Assert.All(RuleCatalog.All, r => Assert.False(string.IsNullOrWhiteSpace(r.Summary)));
    }
}
