using WiGuard.Core.Evaluation;
using WiGuard.Core.Facts;
using WiGuard.Core.Tests.Support;

namespace WiGuard.Core.Tests.Rules;

/// <summary>Objects with most fields missing or null, as a hand-written manifest or a hostile client may send them.</summary>
public sealed class SparseObjectTests
{
    [Theory]
    [InlineData("""{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"app-ksa","namespace":"apps"}}""")]
    [InlineData("""{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"app-ksa","namespace":"apps","annotations":{}}}""")]
    [InlineData("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"apps"},"spec":{"serviceAccountName":"app-ksa","containers":[{"name":"app","image":"nginx","env":[{"name":"PORT"}]}]}}""")]
    [InlineData("""{"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"c","namespace":"apps"},"spec":{"schedule":"@daily"}}""")]
    [InlineData("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","namespace":"apps"},"spec":{}}""")]
    [InlineData("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","namespace":"apps"},"spec":{"template":{"spec":{"serviceAccountName":"app-ksa","containers":[{"name":"app","volumeMounts":[{"name":"v"}],"env":[{"name":"GOOGLE_APPLICATION_CREDENTIALS","value":""}]}],"volumes":[{"name":"v"}]}}}}""")]
    public void Evaluate_SparseObjectWithNothingWrong_ReportsNothing(string json)
    {
        var findings = new Evaluator().Evaluate(Manifests.Review(json), new EvaluationFacts { Ksas = new FakeServiceAccounts() });

        Assert.Empty(findings);
    }

    [Fact]
    public void Evaluate_NullAnnotationValues_AreReportedNotThrown()
    {
        var json = """
            {"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"app-ksa","namespace":"apps",
             "annotations":{"iam.gke.io/gcp-service-account":null,"iam.gke.io/gcp_service_account":null}}}
            """;

        var findings = new Evaluator().Evaluate(Manifests.Review(json), EvaluationFacts.None);

        Assert.Equal(["WI001", "WI002"], findings.Select(f => f.RuleId));
        Assert.Equal("[WI002] GSA annotation is empty", findings[1].Message);
    }

    [Fact]
    public void Evaluate_ContainerWithoutNameAndNullEnvEntries_StillReportsTheKey()
    {
        var json = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"apps"},
             "spec":{"serviceAccountName":"app-ksa","containers":[{"image":"nginx","env":[{"name":"GOOGLE_APPLICATION_CREDENTIALS","value":"/k/key.json"}],
             "volumeMounts":[{"name":"k","mountPath":"/k"}]}],"volumes":[{"name":"k","projected":{"sources":[{"serviceAccountToken":{"path":"token"}}]}}]}}
            """;

        var finding = Assert.Single(new Evaluator().Evaluate(Manifests.Review(json), EvaluationFacts.None));

        Assert.Equal("[WI013] container '(unnamed)' points GOOGLE_APPLICATION_CREDENTIALS at key file /k/key.json", finding.Message);
    }
}
