namespace WiGuard.Core.Kubernetes;

/// <summary>The part of Kubernetes object metadata WiGuard reads.</summary>
public sealed class ObjectMeta
{
    public string? Name { get; set; }
    public string? GenerateName { get; set; }
    public string? Namespace { get; set; }
    public string? Uid { get; set; }
    public Dictionary<string, string?>? Labels { get; set; }
    public Dictionary<string, string?>? Annotations { get; set; }
    public List<OwnerReference>? OwnerReferences { get; set; }

    /// <summary>True when a controller (Deployment, Job, …) made this object from its own template.</summary>
    public bool HasController => OwnerReferences?.Any(o => o.Controller == true) == true;

    public string? Annotation(string key) =>
        Annotations is not null && Annotations.TryGetValue(key, out var value) ? value : null;

    public string? Label(string key) =>
        Labels is not null && Labels.TryGetValue(key, out var value) ? value : null;
}

public sealed class OwnerReference
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public string? Name { get; set; }
    public bool? Controller { get; set; }
}
