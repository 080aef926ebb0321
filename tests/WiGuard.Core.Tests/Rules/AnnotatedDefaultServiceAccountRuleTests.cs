using WiGuard.Core.Facts;
using WiGuard.Core.Rules;
using WiGuard.Core.Rules.ServiceAccounts;
using WiGuard.Core.Tests.Support;

namespace WiGuard.Core.Tests.Rules;

public sealed class AnnotatedDefaultServiceAccountRuleTests
{
    private const string Key = "iam.gke.io/gcp-service-account";

    private static List<Finding> Evaluate(string name, params (string Key, string Value)[] annotations) =>
        [.. new AnnotatedDefaultServiceAccountRule().Evaluate(new RuleContext(
            Manifests.ServiceAccount(name, "payments", annotations),
            new EvaluationFacts { WorkloadPool = "acme-prod.svc.id.goog" }))];

    [Fact]
    public void Evaluate_DefaultKsaWithGsa_WarnsThatEveryPodInheritsIt()
    {
        var finding = Assert.Single(Evaluate("default", (Key, "billing-gsa@acme-prod.iam.gserviceaccount.com")));

        Assert.Equal("WI006", finding.RuleId);
        Assert.Equal("[WI006] the default KSA is annotated with a GSA: every pod that omits serviceAccountName acts as it", finding.Message);
    }

    [Fact]
    public void Evaluate_DefaultKsaWithGsa_FixCreatesADedicatedKsaGrantsItAndStripsTheDefault()
    {
        var finding = Assert.Single(Evaluate("default", (Key, "billing-gsa@acme-prod.iam.gserviceaccount.com")));

        var expected = """
            kubectl apply -f - <<'EOF'
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: billing-gsa
              namespace: payments
              annotations:
                iam.gke.io/gcp-service-account: billing-gsa@acme-prod.iam.gserviceaccount.com
            EOF
            gcloud iam service-accounts add-iam-policy-binding billing-gsa@acme-prod.iam.gserviceaccount.com --role=roles/iam.workloadIdentityUser --member="serviceAccount:acme-prod.svc.id.goog[payments/billing-gsa]"
            kubectl annotate serviceaccount default -n payments iam.gke.io/gcp-service-account-
            then set serviceAccountName: billing-gsa in the pod templates that need the GSA
            """;
        Assert.Equal(expected, finding.Fix);
    }

    [Fact]
    public void Evaluate_DedicatedKsaWithGsa_ReportsNothing()
    {
        Assert.Empty(Evaluate("billing", (Key, "billing-gsa@acme-prod.iam.gserviceaccount.com")));
    }

    [Fact]
    public void Evaluate_DefaultKsaWithoutGsa_ReportsNothing()
    {
        Assert.Empty(Evaluate("default", ("app.kubernetes.io/managed-by", "Helm")));
    }

    [Fact]
    public void Evaluate_DefaultKsaWithEmptyGsaAnnotation_ReportsNothingBecauseItGrantsNothing()
    {
        Assert.Empty(Evaluate("default", (Key, "")));
    }
}
