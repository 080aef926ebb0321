namespace WiGuard.Core.Kubernetes;

/// <summary>A pod spec wherever it sits: a Pod's spec, a workload's template, or a CronJob's job template.</summary>
public sealed record PodTemplate(ObjectMeta? Metadata, PodSpec Spec, string SpecPath)
{
    public const string DefaultServiceAccount = "default";

    /// <summary>The KSA pods run as: the API server defaults an empty name to <c>default</c>.</summary>
    public string ServiceAccountName =>
        NonEmpty(Spec.ServiceAccountName) ?? NonEmpty(Spec.ServiceAccount) ?? DefaultServiceAccount;

    /// <summary>True when the spec names a KSA at all (even if it names <c>default</c>).</summary>
    public bool NamesServiceAccount =>
        NonEmpty(Spec.ServiceAccountName) is not null || NonEmpty(Spec.ServiceAccount) is not null;

    public bool HostNetwork => Spec.HostNetwork == true;

    /// <summary>Every container, init container and ephemeral container, with the field it came from.</summary>
    public IEnumerable<(Container Container, string Path)> AllContainers()
    {
        foreach (var (list, field) in new[]
                 {
                     (Spec.InitContainers, "initContainers"),
                     (Spec.Containers, "containers"),
                     (Spec.EphemeralContainers, "ephemeralContainers"),
                 })
        {
            if (list is null) continue;
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] is { } container) yield return (container, $"{SpecPath}.{field}[{i}]");
            }
        }
    }

    internal static PodTemplate? From(ResourceKind kind, KubeObject value) => value switch
    {
        Pod { Spec: { } spec } pod => new PodTemplate(pod.Metadata, spec, "spec"),
        Workload { Spec: { } spec } when kind == ResourceKind.CronJob =>
            spec.JobTemplate?.Spec?.Template is { Spec: { } inner } template
                ? new PodTemplate(template.Metadata, inner, "spec.jobTemplate.spec.template.spec")
                : null,
        Workload { Spec.Template: { Spec: { } inner } template } =>
            new PodTemplate(template.Metadata, inner, "spec.template.spec"),
        _ => null,
    };

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
