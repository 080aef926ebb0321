using System.Text.RegularExpressions;
using WiGuard.Core.Identity;

namespace WiGuard.Core.Rules.ServiceAccounts;

/// <summary>Builds the shell commands fixes hand to users, quoted so they paste safely.</summary>
internal static partial class ShellFix
{
    /// <summary>Single-quotes a value unless it is plain (emails, names), so spaces and newlines survive a paste.</summary>
    public static string Quote(string value) =>
        PlainWord().IsMatch(value) ? value : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary><c>kubectl annotate serviceaccount KSA -n NS ARGS</c>.</summary>
    public static string Annotate(string @namespace, string ksa, string arguments) =>
        $"kubectl annotate serviceaccount {ksa} -n {@namespace} {arguments}";

    /// <summary>Sets the GSA annotation to <paramref name="gsa"/>, replacing whatever is there.</summary>
    public static string SetGsa(string @namespace, string ksa, string gsa) =>
        Annotate(@namespace, ksa, $"--overwrite {KnownKeys.GcpServiceAccount}={Quote(gsa)}");

    /// <summary>The grant that lets KSA <paramref name="ksa"/> act as <paramref name="gsa"/>.</summary>
    public static string GrantWorkloadIdentityUser(string gsa, string pool, string @namespace, string ksa) =>
        $"gcloud iam service-accounts add-iam-policy-binding {Quote(gsa)} --role={KnownKeys.WorkloadIdentityUserRole} " +
        $"--member=\"serviceAccount:{pool}[{@namespace}/{ksa}]\"";

    /// <summary>The configured pool, or a placeholder the user must fill when none is configured.</summary>
    public static string PoolOrPlaceholder(string? pool) => WorkloadPool.ProjectOf(pool) is null ? "PROJECT_ID" + WorkloadPool.Suffix : pool!;

    [GeneratedRegex(@"^[A-Za-z0-9@._:/=+-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex PlainWord();
}
