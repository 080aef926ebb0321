namespace WiGuard.Core.Kubernetes;

public sealed class Namespace : KubeObject
{
}
