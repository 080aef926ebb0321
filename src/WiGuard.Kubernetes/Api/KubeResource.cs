using WiGuard.Core.Kubernetes;

namespace WiGuard.Kubernetes.Api;

/// <summary>A REST resource of the Kubernetes API, e.g. <c>apps/v1 deployments</c>.</summary>
/// <param name="Group">API group; empty for the core group.</param>
/// <param name="Version">API version within the group.</param>
/// <param name="Plural">The resource name in URLs.</param>
/// <param name="Kind">The kind of its objects.</param>
/// <param name="Namespaced">False for cluster-scoped resources such as Namespaces.</param>
public sealed record KubeResource(string Group, string Version, string Plural, string Kind, bool Namespaced = true)
{
    public static readonly KubeResource ServiceAccounts = new("", "v1", "serviceaccounts", "ServiceAccount");
    public static readonly KubeResource Namespaces = new("", "v1", "namespaces", "Namespace", Namespaced: false);
    public static readonly KubeResource NetworkPolicies = new("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy");
    public static readonly KubeResource Pods = new("", "v1", "pods", "Pod");
    public static readonly KubeResource ConfigMaps = new("", "v1", "configmaps", "ConfigMap");
    public static readonly KubeResource ReplicationControllers = new("", "v1", "replicationcontrollers", "ReplicationController");
    public static readonly KubeResource Deployments = new("apps", "v1", "deployments", "Deployment");
    public static readonly KubeResource StatefulSets = new("apps", "v1", "statefulsets", "StatefulSet");
    public static readonly KubeResource DaemonSets = new("apps", "v1", "daemonsets", "DaemonSet");
    public static readonly KubeResource ReplicaSets = new("apps", "v1", "replicasets", "ReplicaSet");
    public static readonly KubeResource Jobs = new("batch", "v1", "jobs", "Job");
    public static readonly KubeResource CronJobs = new("batch", "v1", "cronjobs", "CronJob");

    /// <summary>The controllers whose pod templates WiGuard checks.</summary>
    public static IReadOnlyList<KubeResource> Workloads { get; } =
        [Deployments, StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers, Jobs, CronJobs];

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The WiGuard kind of this resource's objects, if WiGuard evaluates them.</summary>
    public ResourceKind? ResourceKind =>
        ResourceKinds.TryResolve(Group, Kind, out var kind) ? kind : null;

    /// <summary>The collection path, cluster-wide when <paramref name="namespace"/> is null.</summary>
    public string CollectionPath(string? @namespace)
    {
        var root = Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
        return Namespaced && @namespace is not null
            ? $"{root}/namespaces/{Uri.EscapeDataString(@namespace)}/{Plural}"
            : $"{root}/{Plural}";
    }

    public string ObjectPath(string? @namespace, string name) => $"{CollectionPath(@namespace)}/{Uri.EscapeDataString(name)}";
}
