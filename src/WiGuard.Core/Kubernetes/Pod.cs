namespace WiGuard.Core.Kubernetes;

public sealed class Pod : KubeObject
{
    public PodSpec? Spec { get; set; }
}

public sealed class PodTemplateSpec
{
    public ObjectMeta? Metadata { get; set; }
    public PodSpec? Spec { get; set; }
}

public sealed class PodSpec
{
    public string? ServiceAccountName { get; set; }

    /// <summary>Deprecated alias of serviceAccountName that the API server still honours.</summary>
    public string? ServiceAccount { get; set; }

    public bool? HostNetwork { get; set; }
    public bool? AutomountServiceAccountToken { get; set; }
    public Dictionary<string, string?>? NodeSelector { get; set; }
    public List<Container>? Containers { get; set; }
    public List<Container>? InitContainers { get; set; }

    /// <summary>Ephemeral containers share the container shape for the fields WiGuard reads.</summary>
    public List<Container>? EphemeralContainers { get; set; }

    public List<Volume>? Volumes { get; set; }
}

public sealed class Container
{
    public string? Name { get; set; }
    public string? Image { get; set; }
    public List<EnvVar>? Env { get; set; }
    public List<EnvFromSource>? EnvFrom { get; set; }
    public List<VolumeMount>? VolumeMounts { get; set; }
}

public sealed class EnvVar
{
    public string? Name { get; set; }
    public string? Value { get; set; }
    public EnvVarSource? ValueFrom { get; set; }
}

public sealed class EnvVarSource
{
    public KeySelector? SecretKeyRef { get; set; }
    public KeySelector? ConfigMapKeyRef { get; set; }
}

public sealed class KeySelector
{
    public string? Name { get; set; }
    public string? Key { get; set; }
    public bool? Optional { get; set; }
}

public sealed class EnvFromSource
{
    public string? Prefix { get; set; }
    public NameReference? SecretRef { get; set; }
    public NameReference? ConfigMapRef { get; set; }
}

public sealed class NameReference
{
    public string? Name { get; set; }
}

public sealed class VolumeMount
{
    public string? Name { get; set; }
    public string? MountPath { get; set; }
    public string? SubPath { get; set; }
}

public sealed class Volume
{
    public string? Name { get; set; }
    public SecretVolumeSource? Secret { get; set; }
    public ProjectedVolumeSource? Projected { get; set; }
}

public sealed class SecretVolumeSource
{
    public string? SecretName { get; set; }
}

public sealed class ProjectedVolumeSource
{
    public List<VolumeProjection>? Sources { get; set; }
}

public sealed class VolumeProjection
{
    public NameReference? Secret { get; set; }
}
