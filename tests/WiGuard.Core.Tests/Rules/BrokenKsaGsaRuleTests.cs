using System.Text.Json.Nodes;
using WiGuard.Core.Facts;
using WiGuard.Core.Kubernetes;
using WiGuard.Core.Rules.Pods;
using WiGuard.Core.Tests.Support;
using static WiGuard.Core.Tests.Rules.Iam.IamFixture;

namespace WiGuard.Core.Tests.Rules;

public sealed class BrokenKsaGsaRuleTests
{
    private static readonly BrokenKsaGsaRule Rule = new();

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Evaluate_KsaBoundToOtherNamespace_WarnsOnEveryWorkloadKind(string kind)
    {
        var facts = Facts(ServiceAccount("apps", "app-ksa", AppGsa), Gsa(AppGsa, Policy(Binding(Role, "serviceAccount:acme-prod.svc.id.goog[staging/app-ksa]"))));

        var finding = Assert.Single(Run(Rule, Workload(kind, "app-ksa"), facts));

        Assert.StartsWith("[WI011] KSA 'app-ksa' is broken: ", finding.Message, StringComparison.Ordinal);
        Assert.Contains("(see WI004)", finding.Message, StringComparison.Ordinal);
        Assert.Contains("--member=\"serviceAccount:acme-prod.svc.id.goog[apps/app-ksa]\"", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_KsaWhoseGsaDoesNotExist_Warns()
    {
        var facts = Facts(ServiceAccount("apps", "app-ksa", AppGsa), new GsaFacts(AppGsa, LookupOutcome.NotFound, false, null));

        var finding = Assert.Single(Run(Rule, Workload("Deployment", "app-ksa"), facts));

        Assert.Contains("does not exist (see WI003)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_KsaWithShortNameAnnotation_Warns()
    {
        var facts = Facts(ServiceAccount("apps", "app-ksa", "app-gsa"), null);

        var finding = Assert.Single(Run(Rule, Workload("Pod", "app-ksa"), facts));

        Assert.Contains("(see WI002)", finding.Message, StringComparison.Ordinal);
        Assert.Contains("app-gsa@acme-prod.iam.gserviceaccount.com", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_KsaCorrectlyBound_SaysNothing()
    {
        var facts = Facts(ServiceAccount("apps", "app-ksa", AppGsa), Gsa(AppGsa, Policy(Binding(Role, "serviceAccount:acme-prod.svc.id.goog[apps/app-ksa]"))));

        Assert.Empty(Run(Rule, Workload("Deployment", "app-ksa"), facts));
    }

    [Fact]
    public void Evaluate_KsaNotInTheCacheYet_SaysNothing()
    {
        var facts = Facts(ServiceAccount("apps", "other-ksa", "app-gsa"), null);

        Assert.Empty(Run(Rule, Workload("Deployment", "app-ksa"), facts));
    }

    [Fact]
    public void Evaluate_KsaWithoutAnnotation_SaysNothing()
    {
        var facts = Facts(ServiceAccount("apps", "app-ksa", null), null);

        Assert.Empty(Run(Rule, Workload("Deployment", "app-ksa"), facts));
    }

    [Fact]
    public void Evaluate_IamCouldNotBeAsked_LeavesItToTheKsaAdmission()
    {
        var facts = Facts(ServiceAccount("apps", "app-ksa", AppGsa), GsaFacts.Unavailable(AppGsa, "IAM did not answer within 2s"));

        Assert.Empty(Run(Rule, Workload("Deployment", "app-ksa"), facts));
    }

    public static TheoryData<string> Kinds() => [.. Manifests.WorkloadKinds.Append("Pod")];

    private static ReviewedObject Workload(string kind, string ksa)
    {
        var manifest = Manifests.Load(kind);
        Manifests.PodSpec(manifest)["serviceAccountName"] = ksa;
        manifest["metadata"]!["namespace"] = "apps";
        return Manifests.Review(manifest);
    }

    private static EvaluationFacts Facts(ReviewedObject ksa, GsaFacts? gsa)
    {
        var facts = With(gsa, Project("acme-prod", Number, Policy()));
        return new EvaluationFacts
        {
            WorkloadPool = facts.WorkloadPool,
            PoolProjectNumber = facts.PoolProjectNumber,
            IamConfigured = true,
            ServiceAccounts = facts.ServiceAccounts,
            Projects = facts.Projects,
            Ksas = new FakeServiceAccounts().With(ksa),
        };
    }
}
