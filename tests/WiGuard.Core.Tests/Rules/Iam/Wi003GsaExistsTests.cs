using WiGuard.Core.Facts;
using WiGuard.Core.Rules.Iam;
using static WiGuard.Core.Tests.Rules.Iam.IamFixture;

namespace WiGuard.Core.Tests.Rules.Iam;

public sealed class Wi003GsaExistsTests
{
    private static readonly Wi003GsaExists Rule = new();
    private static readonly WiGuard.Core.Kubernetes.ReviewedObject AppKsa = ServiceAccount("apps", "app-ksa", AppGsa);

    [Fact]
    public void Evaluate_GsaNotFound_DeniesWithCreateCommand()
    {
        var facts = With(new GsaFacts(AppGsa, LookupOutcome.NotFound, false, null));

        var finding = Assert.Single(Run(Rule, AppKsa, facts));

        Assert.Equal("[WI003] GSA app-gsa@acme-prod.iam.gserviceaccount.com does not exist", finding.Message);
        Assert.False(finding.Advisory);
        Assert.StartsWith("gcloud iam service-accounts create app-gsa --project=acme-prod", finding.Fix);
    }

    [Fact]
    public void Evaluate_GsaDisabled_WarnsWithEnableCommand()
    {
        var finding = Assert.Single(Run(Rule, AppKsa, With(Gsa(AppGsa, Policy(), disabled: true))));

        Assert.Equal("[WI003] GSA app-gsa@acme-prod.iam.gserviceaccount.com is disabled", finding.Message);
        Assert.True(finding.Advisory);
        Assert.Equal("gcloud iam service-accounts enable app-gsa@acme-prod.iam.gserviceaccount.com --project=acme-prod", finding.Fix);
    }

    [Fact]
    public void Evaluate_WiGuardLacksPermission_WarnsThatTheCheckCouldNotBeMade()
    {
        var facts = With(new GsaFacts(AppGsa, LookupOutcome.PermissionDenied, false, null, "WiGuard lacks iam.serviceAccounts.get (IAM answered 403)"));

        var finding = Assert.Single(Run(Rule, AppKsa, facts));

        Assert.Equal("[WI003] could not check GSA app-gsa@acme-prod.iam.gserviceaccount.com: WiGuard lacks iam.serviceAccounts.get (IAM answered 403)", finding.Message);
        Assert.True(finding.Advisory);
        Assert.Contains("resourcemanager.projects.getIamPolicy", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_LookupTimedOutAndOnLookupFailureDeny_Denies()
    {
        var facts = new EvaluationFacts
        {
            IamConfigured = true,
            LookupFailureDenies = true,
            ServiceAccounts = new Dictionary<string, GsaFacts> { [AppGsa] = GsaFacts.Unavailable(AppGsa, "IAM did not answer within 2s") },
        };

        var finding = Assert.Single(Run(Rule, AppKsa, facts));

        Assert.False(finding.Advisory);
        Assert.EndsWith("IAM did not answer within 2s", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_GsaExistsAndEnabled_SaysNothing()
    {
        Assert.Empty(Run(Rule, AppKsa, With(Gsa(AppGsa, Policy()))));
    }

    [Fact]
    public void Evaluate_NoIamSource_SaysNothing()
    {
        var facts = new EvaluationFacts { WorkloadPool = Pool };

        Assert.Empty(Run(Rule, AppKsa, facts));
    }

    [Fact]
    public void Evaluate_ServiceAccountWithoutAnnotation_SaysNothing()
    {
        Assert.Empty(Run(Rule, ServiceAccount("apps", "app-ksa", null), With(null)));
    }
}
