using WiGuard.Core.Facts;
using WiGuard.Core.Rules;
using WiGuard.Core.Rules.ServiceAccounts;
using WiGuard.Core.Tests.Support;

namespace WiGuard.Core.Tests.Rules;

public sealed class MisspelledGsaAnnotationKeyRuleTests
{
    private const string Gsa = "app-gsa@acme-prod.iam.gserviceaccount.com";

    private static List<Finding> Evaluate(params (string Key, string Value)[] annotations) =>
        [.. new MisspelledGsaAnnotationKeyRule().Evaluate(
            new RuleContext(Manifests.ServiceAccount("app-ksa", "apps", annotations), EvaluationFacts.None))];

    [Theory]
    [InlineData("IAM.GKE.IO/gcp-service-account")]      // case
    [InlineData("iam.gke.io/GCP-Service-Account")]      // case
    [InlineData("iam.gke.io/gcp_service_account")]      // '_' for '-'
    [InlineData("iam.gke.io/gcp-serviceaccount")]       // dropped '-'
    [InlineData("iam.gke.io/gcp.service.account")]      // '.' for '-'
    [InlineData("iam.gke.io/gcp-service-acount")]       // missing letter
    [InlineData("iam.gke.io/gcp-service-accountt")]     // extra letter
    [InlineData("iam.gke.io/gcp-serivce-account")]      // transposed letters
    [InlineData("iam.gke.io/gcp-service-accounts")]     // plural
    [InlineData("gke.io/gcp-service-account")]          // prefix missing "iam."
    [InlineData("gcp-service-account")]                 // no prefix at all
    [InlineData("iam.gke.com/gcp-service-account")]     // wrong TLD
    [InlineData("iam.gke.io.gcp-service-account")]      // '.' instead of '/'
    [InlineData("iam.gke.io/service-account")]          // "gcp-" dropped under the GKE prefix
    [InlineData("iam.gke.io/gcp-servise-acount")]       // two slips at once
    public void Evaluate_NearMissKey_ReportsTheKey(string key)
    {
        var finding = Assert.Single(Evaluate((key, Gsa)));

        Assert.Equal("WI001", finding.RuleId);
        Assert.Equal("ServiceAccount apps/app-ksa", finding.Object);
        Assert.Equal($"[WI001] annotation key '{key}' is misspelled: GKE reads only 'iam.gke.io/gcp-service-account'", finding.Message);
        Assert.False(finding.Advisory);
    }

    [Theory]
    [InlineData("iam.gke.io/gcp-service-account")]
    [InlineData("iam.gke.io/other")]
    [InlineData("iam.gke.io/return-principal-id-as-email")]
    [InlineData("app.kubernetes.io/name")]
    [InlineData("cloud.google.com/neg")]
    [InlineData("cloud.google.com/backend-config")]
    [InlineData("cloud.google.com/gcp-service-account")]
    [InlineData("cnrm.cloud.google.com/project-id")]
    [InlineData("kubernetes.io/enforce-mountable-secrets")]
    [InlineData("kubernetes.io/service-account.name")]
    [InlineData("eks.amazonaws.com/role-arn")]
    [InlineData("azure.workload.identity/client-id")]
    [InlineData("kubectl.kubernetes.io/last-applied-configuration")]
    [InlineData("meta.helm.sh/release-name")]
    [InlineData("service-account")]
    [InlineData("owner")]
    public void Evaluate_ExactOrUnrelatedKey_ReportsNothing(string key)
    {
        Assert.Empty(Evaluate((key, Gsa)));
    }

    [Fact]
    public void Evaluate_NearMissKey_FixMovesTheValueToTheRightKeyAndRemovesTheWrongOne()
    {
        var finding = Assert.Single(Evaluate(("iam.gke.io/gcp_service_account", Gsa)));

        var firstLine = finding.Fix.Split('\n')[0];
        Assert.Equal(
            "kubectl annotate serviceaccount app-ksa -n apps iam.gke.io/gcp-service-account=app-gsa@acme-prod.iam.gserviceaccount.com iam.gke.io/gcp_service_account-",
            firstLine);
        Assert.Contains("rename the key iam.gke.io/gcp_service_account to iam.gke.io/gcp-service-account", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NearMissNextToTheExactKey_FixOnlyRemovesTheWrongKey()
    {
        var finding = Assert.Single(Evaluate(("iam.gke.io/gcp-service-account", Gsa), ("IAM.GKE.IO/gcp-service-account", "old-gsa@acme-prod.iam.gserviceaccount.com")));

        Assert.Equal("kubectl annotate serviceaccount app-ksa -n apps IAM.GKE.IO/gcp-service-account-", finding.Fix.Split('\n')[0]);
    }

    [Fact]
    public void Evaluate_ValueWithSpaces_QuotesItInTheCommand()
    {
        var finding = Assert.Single(Evaluate(("gke.io/gcp-service-account", "app-gsa@acme-prod.iam.gserviceaccount.com ")));

        Assert.StartsWith(
            "kubectl annotate serviceaccount app-ksa -n apps iam.gke.io/gcp-service-account='app-gsa@acme-prod.iam.gserviceaccount.com ' gke.io/gcp-service-account-",
            finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_TwoNearMissKeys_ReportsEach()
    {
        var findings = Evaluate(("iam.gke.io/gcp_service_account", Gsa), ("gcp-service-account", Gsa));

        Assert.Equal(2, findings.Count);
    }

    [Fact]
    public void Evaluate_NearMissKeyOnADeployment_IsNotThisRulesBusiness()
    {
        var deployment = Manifests.Load("Deployment");
        deployment["metadata"]!["annotations"] = new System.Text.Json.Nodes.JsonObject { ["iam.gke.io/gcp_service_account"] = Gsa };

        Assert.Empty(new MisspelledGsaAnnotationKeyRule().Evaluate(new RuleContext(Manifests.Review(deployment), EvaluationFacts.None)));
    }
}
