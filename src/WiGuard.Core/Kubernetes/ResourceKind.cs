namespace WiGuard.Core.Kubernetes;

/// <summary>The kinds WiGuard evaluates. Anything else is allowed untouched.</summary>
public enum ResourceKind
{
    ServiceAccount,
    Pod,
    Deployment,
    StatefulSet,
    DaemonSet,
    ReplicaSet,
    ReplicationController,
    Job,
    CronJob,
    NetworkPolicy,
    ConfigMap,
}

public static class ResourceKinds
{
    private static readonly Dictionary<(string Group, string Kind), ResourceKind> Known = new()
    {
        [("", "ServiceAccount")] = ResourceKind.ServiceAccount,
        [("", "Pod")] = ResourceKind.Pod,
        [("", "ReplicationController")] = ResourceKind.ReplicationController,
        [("", "ConfigMap")] = ResourceKind.ConfigMap,
        [("apps", "Deployment")] = ResourceKind.Deployment,
        [("apps", "StatefulSet")] = ResourceKind.StatefulSet,
        [("apps", "DaemonSet")] = ResourceKind.DaemonSet,
        [("apps", "ReplicaSet")] = ResourceKind.ReplicaSet,
        [("batch", "Job")] = ResourceKind.Job,
        [("batch", "CronJob")] = ResourceKind.CronJob,
        [("networking.k8s.io", "NetworkPolicy")] = ResourceKind.NetworkPolicy,
    };

    /// <summary>Resolves an API group (empty for the core group) and kind to a kind WiGuard evaluates.</summary>
    public static bool TryResolve(string? group, string? kind, out ResourceKind resolved)
    {
        resolved = default;
        return kind is not null && Known.TryGetValue((group ?? "", kind), out resolved);
    }

    /// <summary>Resolves an <c>apiVersion</c> such as <c>apps/v1</c> or <c>v1</c> and kind.</summary>
    public static bool TryResolveApiVersion(string? apiVersion, string? kind, out ResourceKind resolved)
    {
        var slash = apiVersion?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        var group = slash < 0 ? "" : apiVersion![..slash];
        return TryResolve(group, kind, out resolved);
    }

    public static bool HasPodTemplate(this ResourceKind kind) =>
        kind is not (ResourceKind.ServiceAccount or ResourceKind.NetworkPolicy or ResourceKind.ConfigMap);
}
