namespace WiGuard.Core.Kubernetes;

public sealed class ConfigMap : KubeObject
{
    public Dictionary<string, string?>? Data { get; set; }
}
