using System.Text.Json;

namespace WiGuard.Kubernetes;

/// <summary>
/// Cluster facts the NetworkPolicy rule needs: whether a namespace uses Workload Identity at all,
/// and which NetworkPolicies already apply there. Null answers mean "not known" (no cluster, not synced).
/// </summary>
public interface INetworkPolicyFacts
{
    /// <summary>True when some KSA in the namespace has an <c>iam.gke.io/gcp-service-account</c> annotation.</summary>
    bool? HasWorkloadIdentityServiceAccount(string @namespace);

    /// <summary>The NetworkPolicy objects in the namespace, as the API server returned them.</summary>
    IReadOnlyList<JsonElement>? NetworkPolicies(string @namespace);
}

public sealed class NoNetworkPolicyFacts : INetworkPolicyFacts
{
    public static readonly NoNetworkPolicyFacts Instance = new();

    public bool? HasWorkloadIdentityServiceAccount(string @namespace) => null;

    public IReadOnlyList<JsonElement>? NetworkPolicies(string @namespace) => null;
}
