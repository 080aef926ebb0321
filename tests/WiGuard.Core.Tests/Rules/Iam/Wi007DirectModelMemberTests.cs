using WiGuard.Core.Facts;
using WiGuard.Core.Rules.Iam;
using static WiGuard.Core.Tests.Rules.Iam.IamFixture;

namespace WiGuard.Core.Tests.Rules.Iam;

public sealed class Wi007DirectModelMemberTests
{
    private const string Correct = "principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/acme-prod.svc.id.goog/subject/ns/apps/sa/app-ksa";
    private const string WrongNumber = "principal://iam.googleapis.com/projects/987654321098/locations/global/workloadIdentityPools/acme-prod.svc.id.goog/subject/ns/apps/sa/app-ksa";

    private static readonly Wi007DirectModelMember Rule = new();
    private static readonly WiGuard.Core.Kubernetes.ReviewedObject DirectKsa = ServiceAccount("apps", "app-ksa", null);

    [Fact]
    public void Evaluate_ProjectBindingWithWrongProjectNumber_WarnsWithTheCorrectPrincipal()
    {
        var project = Project("acme-prod", Number, Policy(Binding("roles/storage.objectViewer", WrongNumber)));

        var finding = Assert.Single(Run(Rule, DirectKsa, With(null, project)));

        Assert.Equal("[WI007] apps/app-ksa's roles/storage.objectViewer grant on project acme-prod is malformed (project number 987654321098)", finding.Message);
        Assert.Equal(
            $"gcloud projects add-iam-policy-binding acme-prod --role=roles/storage.objectViewer --member=\"{Correct}\" --condition=None\n" +
            $"gcloud projects remove-iam-policy-binding acme-prod --role=roles/storage.objectViewer --member=\"{WrongNumber}\" --condition=None",
            finding.Fix);
    }

    [Fact]
    public void Evaluate_LiteralProjectIdInPool_WarnsNamingThePlaceholder()
    {
        var bad = "principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/PROJECT_ID.svc.id.goog/subject/ns/apps/sa/app-ksa";
        var project = Project("acme-prod", Number, Policy(Binding("roles/pubsub.subscriber", bad)));

        var finding = Assert.Single(Run(Rule, DirectKsa, With(null, project)));

        Assert.EndsWith("(literal PROJECT_ID)", finding.Message, StringComparison.Ordinal);
        Assert.Contains($"--member=\"{Correct}\"", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NamespaceSetInOtherPool_SuggestsTheNamespaceSetInThisPool()
    {
        var bad = "principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/acme-dev.svc.id.goog/namespace/apps";
        var project = Project("acme-prod", Number, Policy(Binding("roles/secretmanager.secretAccessor", bad)));

        var finding = Assert.Single(Run(Rule, DirectKsa, With(null, project)));

        Assert.Contains(
            "--member=\"principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/acme-prod.svc.id.goog/namespace/apps\"",
            finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ProjectNumberUnknown_FixLooksTheNumberUp()
    {
        var bad = "principal://iam.googleapis.com/projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/acme-prod.svc.id.goog/subject/ns/apps/sa/app-ksa";
        var facts = new EvaluationFacts
        {
            WorkloadPool = Pool,
            IamConfigured = true,
            Projects = new Dictionary<string, ProjectFacts> { ["acme-prod"] = new("acme-prod", LookupOutcome.Found, null, Policy(Binding("roles/storage.objectViewer", bad))) },
        };

        var finding = Assert.Single(Run(Rule, DirectKsa, facts));

        Assert.Contains("projects/$(gcloud projects describe acme-prod --format='value(projectNumber)')/locations/global", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ConditionalBindingWithWrongNumber_KeepsTheConditionInTheFix()
    {
        var binding = new IamBinding("roles/storage.objectViewer", [WrongNumber], new IamCondition("app-bucket", "resource.name.startsWith(\"projects/_/buckets/app\")", null));
        var project = Project("acme-prod", Number, Policy(binding));

        var finding = Assert.Single(Run(Rule, DirectKsa, With(null, project)));

        Assert.Contains("--condition='expression=resource.name.startsWith(\"projects/_/buckets/app\"),title=app-bucket'", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_BindingAlsoHoldsTheCorrectMember_SaysNothing()
    {
        var project = Project("acme-prod", Number, Policy(Binding("roles/storage.objectViewer", WrongNumber, Correct)));

        Assert.Empty(Run(Rule, DirectKsa, With(null, project)));
    }

    [Fact]
    public void Evaluate_MalformedMemberForAnotherKsa_SaysNothing()
    {
        var other = "principal://iam.googleapis.com/projects/987654321098/locations/global/workloadIdentityPools/acme-prod.svc.id.goog/subject/ns/billing/sa/payments";
        var project = Project("acme-prod", Number, Policy(Binding("roles/storage.objectViewer", other)));

        Assert.Empty(Run(Rule, DirectKsa, With(null, project)));
    }

    [Fact]
    public void Evaluate_WorkloadIdentityUserAtProjectLevel_LeavesItToWi004()
    {
        var project = Project("acme-prod", Number, Policy(Binding(Role, WrongNumber)));

        Assert.Empty(Run(Rule, DirectKsa, With(null, project)));
    }
}
