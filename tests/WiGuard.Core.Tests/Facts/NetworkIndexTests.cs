using WiGuard.Core.Facts;
using WiGuard.Core.Kubernetes;

namespace WiGuard.Core.Tests.Facts;

public sealed class NetworkIndexTests
{
    private static NetworkPolicy Policy(string name, string? ns) => new() { Metadata = new ObjectMeta { Name = name, Namespace = ns } };

    private static ServiceAccount Ksa(string name, string? ns, string? gsa) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = name,
            Namespace = ns,
            Annotations = gsa is null ? null : new() { ["iam.gke.io/gcp-service-account"] = gsa },
        },
    };

    [Fact]
    public void NetworkPolicyIndex_Complete_ReturnsTheNamespacesPoliciesOrEmpty()
    {
        var sut = new NetworkPolicyIndex([Policy("a", "payments"), Policy("b", "orders"), Policy("c", "payments")], complete: true);

        Assert.Equal(["a", "c"], sut.InNamespace("payments")!.Select(p => p.Metadata!.Name));
        Assert.Empty(sut.InNamespace("billing")!);
    }

    [Fact]
    public void NetworkPolicyIndex_Partial_IsUnknownWhereItHoldsNothing()
    {
        var sut = new NetworkPolicyIndex([Policy("a", null)], complete: false, defaultNamespace: "payments");

        Assert.Equal("a", Assert.Single(sut.InNamespace("payments")!).Metadata!.Name);
        Assert.Null(sut.InNamespace("billing"));
    }

    [Fact]
    public void WorkloadIdentityNamespaceIndex_Complete_AnswersFromAnnotatedKsas()
    {
        var sut = new WorkloadIdentityNamespaceIndex(
            [Ksa("app", "payments", "app-gsa@shop-prod.iam.gserviceaccount.com"), Ksa("default", "orders", null), Ksa("x", "billing", " ")],
            complete: true);

        Assert.True(sut.UsesWorkloadIdentity("payments"));
        Assert.False(sut.UsesWorkloadIdentity("orders"));
        Assert.False(sut.UsesWorkloadIdentity("billing"));
    }

    [Fact]
    public void WorkloadIdentityNamespaceIndex_Partial_IsUnknownWithoutAnAnnotatedKsa()
    {
        var sut = new WorkloadIdentityNamespaceIndex([Ksa("app", null, "app-gsa@shop-prod.iam.gserviceaccount.com")], complete: false, defaultNamespace: "payments");

        Assert.True(sut.UsesWorkloadIdentity("payments"));
        Assert.Null(sut.UsesWorkloadIdentity("orders"));
    }
}
