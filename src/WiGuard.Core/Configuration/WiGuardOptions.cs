using WiGuard.Core.Rules;

namespace WiGuard.Core.Configuration;

public enum Mode
{
    /// <summary>Nothing is evaluated; everything is allowed.</summary>
    Off,

    /// <summary>Every finding is a warning; nothing is denied.</summary>
    Warn,

    /// <summary>Deny-level findings deny the request.</summary>
    Enforce,
}

/// <summary>The policy part of the <c>WiGuard</c> configuration section.</summary>
public sealed class WiGuardOptions
{
    public const string Section = "WiGuard";

    public Mode Mode { get; set; } = Mode.Warn;

    /// <summary>The cluster's pool, <c>PROJ.svc.id.goog</c>. Without it the binding rules are skipped.</summary>
    public string? WorkloadPool { get; set; }

    /// <summary>The number of the pool's project; resolved through Resource Manager when absent.</summary>
    public string? ProjectNumber { get; set; }

    /// <summary>Per-rule action overrides, e.g. <c>Rules:WI010 = Deny</c>.</summary>
    public Dictionary<string, RuleAction> Rules { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Namespaces never evaluated. Entries ending in <c>*</c> match a prefix.</summary>
    public List<string> ExemptNamespaces { get; set; } = [];

    /// <summary>Configured (namespace, KSA, rule) exemptions; <c>*</c> matches anything.</summary>
    public List<Exemption> Exemptions { get; set; } = [];

    /// <summary>Honour the <c>wiguard.io/exempt</c> object annotation. Off by default: anyone who can edit the object could use it.</summary>
    public bool AllowObjectExemptions { get; set; }

    public static IReadOnlyList<string> DefaultExemptNamespaces { get; } =
        ["kube-system", "kube-public", "kube-node-lease", "gke-*", "gmp-system", "gmp-public"];
}

public sealed class Exemption
{
    public string Namespace { get; set; } = "*";
    public string ServiceAccount { get; set; } = "*";
    public string Rule { get; set; } = "*";
}
