using System.Text;
using WiGuard.Core.Kubernetes;
using WiGuard.Core.Rules.ServiceAccounts;

namespace WiGuard.Core.Rules.Pods;

/// <summary>Fix text for pod specs: YAML at the kind's own path, and KSA names to suggest.</summary>
internal static class PodFix
{
    /// <summary>
    /// Nests <paramref name="field"/> under a dotted path such as <c>spec.template.spec</c>, so the
    /// snippet can be merged into the manifest of the kind under review as it stands.
    /// </summary>
    public static string YamlAt(string path, string field)
    {
        var builder = new StringBuilder();
        var depth = 0;
        foreach (var segment in path.Split('.'))
        {
            builder.Append(' ', depth * 2).Append(segment).Append(":\n");
            depth++;
        }

        return builder.Append(' ', depth * 2).Append(field).ToString();
    }

    /// <summary>
    /// A KSA name for a workload that has none: its app label, else its own name (Pods made from
    /// generateName get a name no KSA should copy, so their label wins).
    /// </summary>
    public static string SuggestedKsa(ReviewedObject subject)
    {
        var labels = subject.PodTemplate?.Metadata?.Labels ?? subject.Metadata.Labels;
        var label = labels?.GetValueOrDefault("app.kubernetes.io/name") ?? labels?.GetValueOrDefault("app");
        var name = !string.IsNullOrWhiteSpace(label) ? label : subject.Name;
        return IsDnsLabel(name) && name != PodTemplate.DefaultServiceAccount ? name : "app-ksa";
    }

    /// <summary>The pool for member strings, or a placeholder when none is configured.</summary>
    public static string Pool(RuleContext context) => ShellFix.PoolOrPlaceholder(context.Facts.WorkloadPool);

    private static bool IsDnsLabel(string value) =>
        value.Length is > 0 and <= 63 && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') &&
        value[0] != '-' && value[^1] != '-';
}
