using WiGuard.Core.Facts;
using WiGuard.Core.Rules.Iam;
using static WiGuard.Core.Tests.Rules.Iam.IamFixture;

namespace WiGuard.Core.Tests.Rules.Iam;

public sealed class Wi004WorkloadIdentityGrantTests
{
    private const string FixForAppKsa =
        "gcloud iam service-accounts add-iam-policy-binding app-gsa@acme-prod.iam.gserviceaccount.com --role=roles/iam.workloadIdentityUser " +
        "--member=\"serviceAccount:acme-prod.svc.id.goog[apps/app-ksa]\" --project=acme-prod";

    private static readonly Wi004WorkloadIdentityGrant Rule = new();
    private static readonly WiGuard.Core.Kubernetes.ReviewedObject AppKsa = ServiceAccount("apps", "app-ksa", AppGsa);
    private static readonly ProjectFacts EmptyProject = Project("acme-prod", Number, Policy());

    [Fact]
    public void Evaluate_GrantOnTheGsa_SaysNothing()
    {
        var gsa = Gsa(AppGsa, Policy(Binding(Role, "serviceAccount:acme-prod.svc.id.goog[apps/app-ksa]")));

        Assert.Empty(Run(Rule, AppKsa, With(gsa, EmptyProject)));
    }

    [Fact]
    public void Evaluate_GrantInheritedFromTheGsaProject_SaysNothing()
    {
        var project = Project("acme-prod", Number, Policy(Binding(Role, "principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/acme-prod.svc.id.goog/namespace/apps")));

        Assert.Empty(Run(Rule, AppKsa, With(Gsa(AppGsa, Policy()), project)));
    }

    [Fact]
    public void Evaluate_BindingForOtherNamespace_DeniesNamingTheNearMissAndTheFix()
    {
        var gsa = Gsa(AppGsa, Policy(Binding(Role, "serviceAccount:acme-prod.svc.id.goog[staging/app-ksa]")));

        var finding = Assert.Single(Run(Rule, AppKsa, With(gsa, EmptyProject)));

        Assert.Equal("[WI004] apps/app-ksa may not act as app-gsa@acme-prod.iam.gserviceaccount.com (near miss: namespace staging)", finding.Message);
        Assert.Contains("names app-ksa in namespace staging, not apps", finding.Why, StringComparison.Ordinal);
        Assert.Equal(FixForAppKsa, finding.Fix);
        Assert.False(finding.Advisory);
    }

    [Fact]
    public void Evaluate_NoGrantAtAll_DeniesWithoutNearMiss()
    {
        var finding = Assert.Single(Run(Rule, AppKsa, With(Gsa(AppGsa, Policy()), EmptyProject)));

        Assert.Equal("[WI004] apps/app-ksa may not act as app-gsa@acme-prod.iam.gserviceaccount.com", finding.Message);
        Assert.Equal(FixForAppKsa, finding.Fix);
    }

    [Fact]
    public void Evaluate_OtherKsaAndWrongNumber_NamesBothNearMisses()
    {
        var gsa = Gsa(AppGsa, Policy(Binding(Role,
            "serviceAccount:acme-prod.svc.id.goog[apps/api-ksa]",
            "principal://iam.googleapis.com/projects/987654321098/locations/global/workloadIdentityPools/acme-prod.svc.id.goog/subject/ns/apps/sa/app-ksa")));

        var finding = Assert.Single(Run(Rule, AppKsa, With(gsa, EmptyProject)));

        Assert.EndsWith("(near miss: KSA api-ksa, project number 987654321098)", finding.Message, StringComparison.Ordinal);
        Assert.Contains("the pool's project number is 123456789012", finding.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_PolicyWithOtherTenants_NeverRevealsTheirMembers()
    {
        var gsa = Gsa(AppGsa, Policy(
            Binding(Role, "serviceAccount:acme-prod.svc.id.goog[billing/payments]", "user:alice@acme.example"),
            Binding("roles/iam.serviceAccountTokenCreator", "group:sre@acme.example")));

        var finding = Assert.Single(Run(Rule, AppKsa, With(gsa, EmptyProject)));

        var text = finding.Message + finding.Why + finding.Fix;
        Assert.DoesNotContain("billing", text, StringComparison.Ordinal);
        Assert.DoesNotContain("payments", text, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sre@", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_CrossProjectGsaBoundToTheClusterPool_SaysNothing()
    {
        const string shared = "shared-reader@acme-shared.iam.gserviceaccount.com";
        var subject = ServiceAccount("apps", "app-ksa", shared);
        var gsa = Gsa(shared, Policy(Binding(Role, "serviceAccount:acme-prod.svc.id.goog[apps/app-ksa]")));

        Assert.Empty(Run(Rule, subject, With(gsa, Project("acme-shared", "555555555555", Policy()), EmptyProject)));
    }

    [Fact]
    public void Evaluate_CrossProjectGsaBoundToItsOwnProjectPool_DeniesNamingThePool()
    {
        const string shared = "shared-reader@acme-shared.iam.gserviceaccount.com";
        var subject = ServiceAccount("apps", "app-ksa", shared);
        var gsa = Gsa(shared, Policy(Binding(Role, "serviceAccount:acme-shared.svc.id.goog[apps/app-ksa]")));

        var finding = Assert.Single(Run(Rule, subject, With(gsa, Project("acme-shared", "555555555555", Policy()), EmptyProject)));

        Assert.EndsWith("(near miss: pool acme-shared.svc.id.goog)", finding.Message, StringComparison.Ordinal);
        Assert.Equal(
            "gcloud iam service-accounts add-iam-policy-binding shared-reader@acme-shared.iam.gserviceaccount.com --role=roles/iam.workloadIdentityUser " +
            "--member=\"serviceAccount:acme-prod.svc.id.goog[apps/app-ksa]\" --project=acme-shared",
            finding.Fix);
    }

    [Fact]
    public void Evaluate_ProjectPolicyUnreadableAndNoGrantOnGsa_WarnsThatInheritedGrantsWereNotChecked()
    {
        var project = new ProjectFacts("acme-prod", LookupOutcome.PermissionDenied, null, null, "WiGuard lacks resourcemanager.projects.getIamPolicy (403)");

        var finding = Assert.Single(Run(Rule, AppKsa, With(Gsa(AppGsa, Policy()), project)));

        Assert.StartsWith("[WI004] could not check grants inherited from project acme-prod", finding.Message, StringComparison.Ordinal);
        Assert.True(finding.Advisory);
    }

    [Fact]
    public void Evaluate_GsaLookupFailed_LeavesItToWi003()
    {
        var facts = With(GsaFacts.Unavailable(AppGsa, "timeout"), EmptyProject);

        Assert.Empty(Run(Rule, AppKsa, facts));
    }

    [Fact]
    public void Evaluate_NoWorkloadPoolConfigured_SaysNothing()
    {
        var facts = new EvaluationFacts
        {
            IamConfigured = true,
            ServiceAccounts = new Dictionary<string, GsaFacts> { [AppGsa] = Gsa(AppGsa, Policy()) },
        };

        Assert.Empty(Run(Rule, AppKsa, facts));
    }
}
