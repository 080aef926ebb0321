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

    public string? Annotation(string key) =>
        Annotations is not null && Annotations.TryGetValue(key, out var value) ? value : null;

    public string? Label(string key) =>
        Labels is not null && Labels.TryGetValue(key, out var value) ? value : null;
}
