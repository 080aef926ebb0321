namespace WiGuard.Core.Kubernetes;

/// <summary>An object under review with its resolved kind, namespace and name.</summary>
public sealed class ReviewedObject
{
    public ReviewedObject(ResourceKind kind, string @namespace, string name, KubeObject value)
    {
        Kind = kind;
        Namespace = @namespace;
        Name = name;
        Value = value;
        PodTemplate = PodTemplate.From(kind, value);
    }

    public ResourceKind Kind { get; }
    public string Namespace { get; }
    public string Name { get; }
    public KubeObject Value { get; }

    /// <summary>The pod spec of a Pod or a workload's template; null for other kinds or a template-less object.</summary>
    public PodTemplate? PodTemplate { get; }

    public ServiceAccount? ServiceAccount => Value as ServiceAccount;

    public ObjectMeta Metadata => Value.Metadata ?? new ObjectMeta();

    /// <summary>"ServiceAccount apps/app-ksa", the way messages name an object.</summary>
    public string Display => $"{Kind} {Namespace}/{Name}";
}
