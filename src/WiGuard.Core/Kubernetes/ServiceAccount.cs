namespace WiGuard.Core.Kubernetes;

public sealed class ServiceAccount : KubeObject
{
    public bool? AutomountServiceAccountToken { get; set; }
}
