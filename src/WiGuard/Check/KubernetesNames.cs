using System.Text.RegularExpressions;

namespace WiGuard.Check;

/// <summary>Kubernetes name rules: namespaces are DNS-1123 labels, ServiceAccount names DNS-1123 subdomains.</summary>
public static partial class KubernetesNames
{
    public static bool IsLabel(string value) => value.Length <= 63 && LabelPattern().IsMatch(value);

    public static bool IsSubdomain(string value) => value.Length <= 253 && SubdomainPattern().IsMatch(value);

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex LabelPattern();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex SubdomainPattern();
}
