using WiGuard.Core.Kubernetes;

namespace WiGuard.Core.Facts;

/// <summary>
/// NetworkPolicies held in memory: a cluster cache (complete) or the objects of one <c>wiguard check</c>
/// input (partial: the cluster may hold more, but those in the input will exist once it is applied).
/// </summary>
public sealed class NetworkPolicyIndex : INetworkPolicyLookup
{
    private readonly ILookup<string, NetworkPolicy> _byNamespace;
    private readonly bool _complete;

    /// <param name="policies">The policies; those without a namespace are read as <paramref name="defaultNamespace"/>.</param>
    /// <param name="complete">True when these are all the policies there are.</param>
    /// <param name="defaultNamespace">Where a policy without <c>metadata.namespace</c> lands (kubectl's default).</param>
    public NetworkPolicyIndex(IEnumerable<NetworkPolicy> policies, bool complete, string defaultNamespace = "default")
    {
        ArgumentNullException.ThrowIfNull(policies);
        _byNamespace = policies.ToLookup(p => p.Metadata?.Namespace is { Length: > 0 } ns ? ns : defaultNamespace, StringComparer.Ordinal);
        _complete = complete;
    }

    /// <summary>The namespace's policies; for a partial index, null when it holds none there (the cluster may).</summary>
    public IReadOnlyList<NetworkPolicy>? InNamespace(string @namespace)
    {
        var found = _byNamespace[@namespace].ToList();
        return found.Count > 0 || _complete ? found : null;
    }
}
