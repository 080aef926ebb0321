namespace WiGuard.Core.Kubernetes;

/// <summary>Fields every Kubernetes object has; kinds WiGuard checks derive from it.</summary>
public class KubeObject
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ObjectMeta? Metadata { get; set; }
}
