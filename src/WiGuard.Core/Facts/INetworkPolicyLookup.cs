using WiGuard.Core.Kubernetes;

namespace WiGuard.Core.Facts;

/// <summary>The NetworkPolicies of a namespace from a cache, without waiting on the network.</summary>
public interface INetworkPolicyLookup
{
    /// <summary>Every NetworkPolicy in the namespace, or null when that is not known (no cluster, cache not synced).</summary>
    IReadOnlyList<NetworkPolicy>? InNamespace(string @namespace);
}

/// <summary>For runs without a cluster: the other policies of a namespace are unknown.</summary>
public sealed class NoNetworkPolicyLookup : INetworkPolicyLookup
{
    public static readonly NoNetworkPolicyLookup Instance = new();

    public IReadOnlyList<NetworkPolicy>? InNamespace(string @namespace) => null;
}
