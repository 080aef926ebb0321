using WiGuard.Core.Kubernetes;

namespace WiGuard.Core.Facts;

/// <summary>Everything rules may know beyond the object itself, gathered before evaluation.</summary>
public sealed class EvaluationFacts
{
    public static readonly EvaluationFacts None = new();

    /// <summary>The cluster's pool (<c>PROJ.svc.id.goog</c>); null skips the binding rules.</summary>
    public string? WorkloadPool { get; init; }

    /// <summary>The number of the pool's project (configured or resolved), for principal:// members.</summary>
    public string? PoolProjectNumber { get; init; }

    /// <summary>False when no IAM source is configured: IAM rules report "not checked" instead of guessing.</summary>
    public bool IamConfigured { get; init; }

    /// <summary><c>Iam:OnLookupFailure=Deny</c>: a GSA or policy that could not be read denies instead of warning.</summary>
    public bool LookupFailureDenies { get; init; }

    /// <summary>GSA facts keyed by exact email.</summary>
    public IReadOnlyDictionary<string, GsaFacts> ServiceAccounts { get; init; } = new Dictionary<string, GsaFacts>(StringComparer.Ordinal);

    /// <summary>Project facts keyed by project id (or number for Compute default GSAs).</summary>
    public IReadOnlyDictionary<string, ProjectFacts> Projects { get; init; } = new Dictionary<string, ProjectFacts>(StringComparer.Ordinal);

    /// <summary>KSAs by namespace and name, read from a cache without I/O.</summary>
    public IServiceAccountLookup Ksas { get; init; } = NoServiceAccountLookup.Instance;

    /// <summary>For a NetworkPolicy: whether its namespace uses Workload Identity; null when unknown (assume it does).</summary>
    public bool? NamespaceUsesWorkloadIdentity { get; init; }

    /// <summary>For a NetworkPolicy: the other policies of its namespace (policies are additive); null when unknown.</summary>
    public IReadOnlyList<NetworkPolicy>? NamespaceNetworkPolicies { get; init; }

    public GsaFacts? ServiceAccount(string email) => ServiceAccounts.GetValueOrDefault(email);

    public ProjectFacts? Project(string projectId) => Projects.GetValueOrDefault(projectId);
}
