using System.Text.Json;
using Microsoft.Extensions.Logging;
using WiGuard.Core.Facts;
using WiGuard.Core.Identity;
using WiGuard.Core.Kubernetes;
using WiGuard.Kubernetes.Api;

namespace WiGuard.Kubernetes.Caching;

/// <summary>
/// The cluster-wide ServiceAccount, Namespace and NetworkPolicy caches, and the lookups and
/// status built on them. Ready needs the ServiceAccount and Namespace caches; the NetworkPolicy
/// cache only feeds a warning-level rule, so its problems are reported but do not block readiness.
/// Every lookup answers "unknown" until its cache has listed.
/// </summary>
public sealed class ClusterCaches :
    IServiceAccountLookup, INamespaceLookup, INetworkPolicyLookup, IWorkloadIdentityNamespaces, IClusterStatus
{
    public ClusterCaches(IKubeApi api, KubernetesOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("WiGuard.Kubernetes.Cache");
        ServiceAccounts = new KubeCache<ServiceAccount>(api, KubeResource.ServiceAccounts, null,
            json => (ServiceAccount)KubeObjectReader.Read(ResourceKind.ServiceAccount, json), options, time, logger);
        Namespaces = new KubeCache<Namespace>(api, KubeResource.Namespaces, null,
            json => json.Deserialize(KubeJsonContext.Default.Namespace) ?? throw new JsonException("the Namespace is null"), options, time, logger);
        NetworkPolicies = new KubeCache<NetworkPolicy>(api, KubeResource.NetworkPolicies, null,
            json => (NetworkPolicy)KubeObjectReader.Read(ResourceKind.NetworkPolicy, json), options, time, logger);
    }

    public KubeCache<ServiceAccount> ServiceAccounts { get; }

    public KubeCache<Namespace> Namespaces { get; }

    public KubeCache<NetworkPolicy> NetworkPolicies { get; }

    public bool Configured => true;

    public bool Ready => ServiceAccounts.Synced && Namespaces.Synced;

    public string? Problem => ServiceAccounts.Problem ?? Namespaces.Problem ?? NetworkPolicies.Problem;

    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(
            ServiceAccounts.RunAsync(cancellationToken),
            Namespaces.RunAsync(cancellationToken),
            NetworkPolicies.RunAsync(cancellationToken));

    public KsaLookup Find(string @namespace, string name)
    {
        if (!ServiceAccounts.Synced) return KsaLookup.Unknown;
        return ServiceAccounts.Get(@namespace, name) is { } found ? KsaLookup.Found(found) : KsaLookup.NotFound;
    }

    Namespace? INamespaceLookup.Find(string name) => Namespaces.Get(null, name);

    /// <summary>True when some KSA in the namespace carries the GSA annotation.</summary>
    public bool? UsesWorkloadIdentity(string @namespace) =>
        ServiceAccounts.Synced
            ? ServiceAccounts.List(@namespace).Any(sa => !string.IsNullOrWhiteSpace(sa.Metadata?.Annotation(KnownKeys.GcpServiceAccount)))
            : null;

    public IReadOnlyList<NetworkPolicy>? InNamespace(string @namespace) =>
        NetworkPolicies.Synced ? NetworkPolicies.List(@namespace) : null;
}
