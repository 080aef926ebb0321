namespace WiGuard.Core.Facts;

/// <summary>Whether a namespace uses Workload Identity: some KSA in it carries the GSA annotation.</summary>
public interface IWorkloadIdentityNamespaces
{
    /// <summary>True or false when known; null when there is no source (then rules assume it does).</summary>
    bool? UsesWorkloadIdentity(string @namespace);
}

/// <summary>For runs without a cluster: nothing is known, so every namespace may use Workload Identity.</summary>
public sealed class NoWorkloadIdentityNamespaces : IWorkloadIdentityNamespaces
{
    public static readonly NoWorkloadIdentityNamespaces Instance = new();

    public bool? UsesWorkloadIdentity(string @namespace) => null;
}
