using WiGuard.Core.Identity;
using WiGuard.Core.Kubernetes;

namespace WiGuard.Core.Facts;

/// <summary>
/// Namespaces that use Workload Identity: those with a KSA carrying the GSA annotation. KSAs of the
/// direct (KSA-only) model carry none, so a complete index can under-report them.
/// </summary>
public sealed class WorkloadIdentityNamespaceIndex : IWorkloadIdentityNamespaces
{
    private readonly HashSet<string> _annotated;
    private readonly bool _complete;

    /// <param name="serviceAccounts">The KSAs known.</param>
    /// <param name="complete">True for a synced cluster cache: a namespace without an annotated KSA does not use Workload Identity.</param>
    /// <param name="defaultNamespace">Where a KSA without <c>metadata.namespace</c> lands.</param>
    public WorkloadIdentityNamespaceIndex(IEnumerable<ServiceAccount> serviceAccounts, bool complete, string defaultNamespace = "default")
    {
        ArgumentNullException.ThrowIfNull(serviceAccounts);
        _annotated = new HashSet<string>(
            serviceAccounts
                .Where(sa => !string.IsNullOrWhiteSpace(sa.Metadata?.Annotation(KnownKeys.GcpServiceAccount)))
                .Select(sa => sa.Metadata?.Namespace is { Length: > 0 } ns ? ns : defaultNamespace),
            StringComparer.Ordinal);
        _complete = complete;
    }

    public bool? UsesWorkloadIdentity(string @namespace) =>
        _annotated.Contains(@namespace) ? true : _complete ? false : null;
}
