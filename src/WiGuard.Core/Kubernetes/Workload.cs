namespace WiGuard.Core.Kubernetes;

/// <summary>
/// Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job and CronJob:
/// they differ in many fields but WiGuard reads only the pod template, at spec.template or,
/// for a CronJob, at spec.jobTemplate.spec.template.
/// </summary>
public sealed class Workload : KubeObject
{
    public WorkloadSpec? Spec { get; set; }
}

public sealed class WorkloadSpec
{
    public PodTemplateSpec? Template { get; set; }
    public JobTemplateSpec? JobTemplate { get; set; }
}

public sealed class JobTemplateSpec
{
    public ObjectMeta? Metadata { get; set; }
    public WorkloadSpec? Spec { get; set; }
}
