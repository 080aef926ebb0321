using WiGuard.Core.Configuration;
using WiGuard.Core.Facts;
using WiGuard.Core.Kubernetes;

namespace WiGuard.Core.Tests.Facts;

public sealed class FactGathererNetworkPolicyTests
{
    private static NetworkPolicy Policy(string name) =>
        new() { ApiVersion = "networking.k8s.io/v1", Kind = "NetworkPolicy", Metadata = new ObjectMeta { Name = name, Namespace = "payments" } };

    private static ReviewedObject Subject(ResourceKind kind, string name) =>
        new(kind, "payments", name, kind == ResourceKind.NetworkPolicy ? Policy(name) : new ConfigMap { Metadata = new ObjectMeta { Name = name } });

    private sealed class FakeNetworkPolicies(IReadOnlyList<NetworkPolicy>? policies) : INetworkPolicyLookup
    {
        public List<string> Asked { get; } = [];

        public IReadOnlyList<NetworkPolicy>? InNamespace(string @namespace)
        {
            Asked.Add(@namespace);
            return policies;
        }
    }

    private sealed class FakeWorkloadIdentityNamespaces(bool? answer) : IWorkloadIdentityNamespaces
    {
        public bool? UsesWorkloadIdentity(string @namespace) => @namespace == "payments" ? answer : null;
    }

    /// <summary>IAM that knows nothing, so the gatherer takes its IAM path too.</summary>
    private sealed class EmptyIam : IIamFacts
    {
        public Task<GsaFacts> GetServiceAccountAsync(string email, CancellationToken cancellationToken) =>
            Task.FromResult(new GsaFacts(email, LookupOutcome.NotFound, false, null));

        public Task<ProjectFacts> GetProjectAsync(string projectId, CancellationToken cancellationToken) =>
            Task.FromResult(new ProjectFacts(projectId, LookupOutcome.NotFound, null, null));
    }

    private static FactGatherer CreateSut(IIamFacts? iam, INetworkPolicyLookup? policies, IWorkloadIdentityNamespaces? namespaces) =>
        new(iam, NoServiceAccountLookup.Instance, new WiGuardOptions { WorkloadPool = "shop-prod.svc.id.goog" }, networkPolicies: policies, workloadIdentityNamespaces: namespaces);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GatherAsync_NetworkPolicy_GetsTheNamespacesOtherPoliciesButNotItself(bool withIam)
    {
        var policies = new FakeNetworkPolicies([Policy("default-deny-egress"), Policy("allow-dns"), Policy("allow-metadata")]);
        var sut = CreateSut(withIam ? new EmptyIam() : null, policies, new FakeWorkloadIdentityNamespaces(true));

        var facts = await sut.GatherAsync(Subject(ResourceKind.NetworkPolicy, "default-deny-egress"), CancellationToken.None);

        Assert.Equal(["allow-dns", "allow-metadata"], facts.NamespaceNetworkPolicies!.Select(p => p.Metadata!.Name));
        Assert.True(facts.NamespaceUsesWorkloadIdentity);
        Assert.Equal(["payments"], policies.Asked);
    }

    [Fact]
    public async Task GatherAsync_NamespaceKnownNotToUseWorkloadIdentity_SaysFalse()
    {
        var sut = CreateSut(null, new FakeNetworkPolicies([]), new FakeWorkloadIdentityNamespaces(false));

        var facts = await sut.GatherAsync(Subject(ResourceKind.NetworkPolicy, "deny"), CancellationToken.None);

        Assert.False(facts.NamespaceUsesWorkloadIdentity);
        Assert.Empty(facts.NamespaceNetworkPolicies!);
    }

    [Fact]
    public async Task GatherAsync_WithoutClusterSources_LeavesBothFactsUnknown()
    {
        var sut = new FactGatherer(null, NoServiceAccountLookup.Instance, new WiGuardOptions());

        var facts = await sut.GatherAsync(Subject(ResourceKind.NetworkPolicy, "deny"), CancellationToken.None);

        Assert.Null(facts.NamespaceUsesWorkloadIdentity);
        Assert.Null(facts.NamespaceNetworkPolicies);
    }

    [Fact]
    public async Task GatherAsync_OtherKinds_DoNotLookPoliciesUp()
    {
        var policies = new FakeNetworkPolicies([Policy("allow-dns")]);
        var sut = CreateSut(null, policies, new FakeWorkloadIdentityNamespaces(true));

        var facts = await sut.GatherAsync(Subject(ResourceKind.ConfigMap, "settings"), CancellationToken.None);

        Assert.Null(facts.NamespaceNetworkPolicies);
        Assert.Null(facts.NamespaceUsesWorkloadIdentity);
        Assert.Empty(policies.Asked);
    }
}
