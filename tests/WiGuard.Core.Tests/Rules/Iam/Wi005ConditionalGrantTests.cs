using WiGuard.Core.Facts;
using WiGuard.Core.Rules.Iam;
using static WiGuard.Core.Tests.Rules.Iam.IamFixture;

namespace WiGuard.Core.Tests.Rules.Iam;

public sealed class Wi005ConditionalGrantTests
{
    private static readonly Wi005ConditionalGrant Rule = new();
    private static readonly WiGuard.Core.Kubernetes.ReviewedObject AppKsa = ServiceAccount("apps", "app-ksa", AppGsa);
    private static readonly ProjectFacts EmptyProject = Project("acme-prod", Number, Policy());
    private static readonly IamCondition BusinessHours = new("business-hours", "request.time.getHours('Europe/Berlin') < 18", null);

    [Fact]
    public void Evaluate_OnlyGrantIsConditional_WarnsWithTheConditionTitle()
    {
        var gsa = Gsa(AppGsa, Policy(new IamBinding(Role, ["serviceAccount:acme-prod.svc.id.goog[apps/app-ksa]"], BusinessHours)));

        var finding = Assert.Single(Run(Rule, AppKsa, With(gsa, EmptyProject)));

        Assert.Equal("[WI005] apps/app-ksa's only grant on app-gsa@acme-prod.iam.gserviceaccount.com is conditional ('business-hours')", finding.Message);
        Assert.Contains("request.time.getHours", finding.Why, StringComparison.Ordinal);
        Assert.EndsWith("--project=acme-prod --condition=None", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ConditionalAndUnconditionalGrants_SaysNothing()
    {
        var gsa = Gsa(AppGsa, Policy(
            new IamBinding(Role, ["serviceAccount:acme-prod.svc.id.goog[apps/app-ksa]"], BusinessHours),
            Binding(Role, "principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/acme-prod.svc.id.goog/namespace/apps")));

        Assert.Empty(Run(Rule, AppKsa, With(gsa, EmptyProject)));
    }

    [Fact]
    public void Evaluate_NoGrant_LeavesItToWi004()
    {
        Assert.Empty(Run(Rule, AppKsa, With(Gsa(AppGsa, Policy()), EmptyProject)));
    }
}
