using WiGuard.Core.Configuration;
using WiGuard.Core.Facts;
using WiGuard.Core.Tests.Rules.Iam;
using static WiGuard.Core.Tests.Rules.Iam.IamFixture;

namespace WiGuard.Core.Tests.Facts;

public sealed class FactGathererIamTests
{
    private static readonly WiGuardOptions Cluster = new() { WorkloadPool = Pool };

    [Fact]
    public async Task Gather_CachedPolicyWithoutGrantForThisKsa_AsksForAFreshAnswer()
    {
        var iam = new RecordingIam(Gsa(AppGsa, Policy()));
        var gatherer = new FactGatherer(iam, NoServiceAccountLookup.Instance, Cluster);

        await gatherer.GatherAsync(ServiceAccount("apps", "app-ksa", AppGsa), CancellationToken.None);

        Assert.Equal([FactGatherer.DenyingAnswerMaxAge], iam.FreshRequests);
    }

    [Fact]
    public async Task Gather_CachedPolicyWithTheGrant_DoesNotAskAgain()
    {
        var iam = new RecordingIam(Gsa(AppGsa, Policy(Binding(Role, "serviceAccount:acme-prod.svc.id.goog[apps/app-ksa]"))));
        var gatherer = new FactGatherer(iam, NoServiceAccountLookup.Instance, Cluster);

        var facts = await gatherer.GatherAsync(ServiceAccount("apps", "app-ksa", AppGsa), CancellationToken.None);

        Assert.Empty(iam.FreshRequests);
        Assert.Equal(Number, facts.PoolProjectNumber);
        Assert.False(facts.LookupFailureDenies);
    }

    [Fact]
    public async Task Gather_OnLookupFailureDeny_TellsTheRules()
    {
        var gatherer = new FactGatherer(new RecordingIam(Gsa(AppGsa, Policy())), NoServiceAccountLookup.Instance, Cluster, LookupFailureAction.Deny);

        var facts = await gatherer.GatherAsync(ServiceAccount("apps", "app-ksa", AppGsa), CancellationToken.None);

        Assert.True(facts.LookupFailureDenies);
    }

    [Fact]
    public async Task Gather_DeploymentWhoseKsaNamesNoGsa_AsksIamNothing()
    {
        var iam = new RecordingIam(Gsa(AppGsa, Policy()));
        var gatherer = new FactGatherer(iam, NoServiceAccountLookup.Instance, Cluster);

        var facts = await gatherer.GatherAsync(Support.Manifests.Review(Support.Manifests.Load("Deployment")), CancellationToken.None);

        Assert.Equal(0, iam.Lookups);
        Assert.True(facts.IamConfigured);
    }

    [Fact]
    public async Task Gather_ServiceAccountWithoutAnnotation_StillReadsThePoolProjectForDirectModelGrants()
    {
        var iam = new RecordingIam(Gsa(AppGsa, Policy()));
        var gatherer = new FactGatherer(iam, NoServiceAccountLookup.Instance, Cluster);

        var facts = await gatherer.GatherAsync(ServiceAccount("apps", "report-ksa", null), CancellationToken.None);

        Assert.Equal(1, iam.Lookups);
        Assert.NotNull(facts.Project("acme-prod"));
    }

    /// <summary>An in-memory IAM source that also records requests for fresh answers.</summary>
    private sealed class RecordingIam(GsaFacts gsa) : IIamFacts, IFreshIamFacts
    {
        public List<TimeSpan> FreshRequests { get; } = [];

        public int Lookups { get; private set; }

        public Task<GsaFacts> GetServiceAccountAsync(string email, CancellationToken cancellationToken)
        {
            Lookups++;
            return Task.FromResult(gsa);
        }

        public Task<ProjectFacts> GetProjectAsync(string projectId, CancellationToken cancellationToken)
        {
            Lookups++;
            return Task.FromResult(Project(projectId, Number, Policy()));
        }

        public Task<GsaFacts> GetServiceAccountAsync(string email, TimeSpan maxAge, CancellationToken cancellationToken)
        {
            FreshRequests.Add(maxAge);
            return Task.FromResult(gsa);
        }

        public Task<ProjectFacts> GetProjectAsync(string projectId, TimeSpan maxAge, CancellationToken cancellationToken) =>
            GetProjectAsync(projectId, cancellationToken);
    }
}
