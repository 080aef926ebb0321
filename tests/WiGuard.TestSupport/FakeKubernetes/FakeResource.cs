namespace WiGuard.TestSupport.FakeKubernetes;

/// <summary>A resource the fake API server serves, e.g. <c>apps/v1 deployments</c>.</summary>
public sealed record FakeResource(string ApiVersion, string Plural, string Kind, bool Namespaced = true)
{
    public static readonly FakeResource ServiceAccounts = new("v1", "serviceaccounts", "ServiceAccount");
    public static readonly FakeResource Namespaces = new("v1", "namespaces", "Namespace", Namespaced: false);
    public static readonly FakeResource Pods = new("v1", "pods", "Pod");
    public static readonly FakeResource ConfigMaps = new("v1", "configmaps", "ConfigMap");
    public static readonly FakeResource ReplicationControllers = new("v1", "replicationcontrollers", "ReplicationController");
    public static readonly FakeResource NetworkPolicies = new("networking.k8s.io/v1", "networkpolicies", "NetworkPolicy");
    public static readonly FakeResource Deployments = new("apps/v1", "deployments", "Deployment");
    public static readonly FakeResource StatefulSets = new("apps/v1", "statefulsets", "StatefulSet");
    public static readonly FakeResource DaemonSets = new("apps/v1", "daemonsets", "DaemonSet");
    public static readonly FakeResource ReplicaSets = new("apps/v1", "replicasets", "ReplicaSet");
    public static readonly FakeResource Jobs = new("batch/v1", "jobs", "Job");
    public static readonly FakeResource CronJobs = new("batch/v1", "cronjobs", "CronJob");

    public static IReadOnlyList<FakeResource> All { get; } =
    [
        ServiceAccounts, Namespaces, Pods, ConfigMaps, ReplicationControllers, NetworkPolicies,
        Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs,
    ];

    public string Key => $"{ApiVersion}/{Plural}";
}
