using WiGuard.Check;
using WiGuard.Core.Identity;

namespace WiGuard.Bind;

/// <summary>A validated request to wire a KSA to a GSA.</summary>
public sealed record BindRequest(string Namespace, string Ksa, GsaEmail Gsa, string WorkloadPool, string? ProjectNumber, bool Direct)
{
    /// <summary>The pool's project, which owns the project number in principal:// members.</summary>
    public string PoolProject => Core.Identity.WorkloadPool.ProjectOf(WorkloadPool)!;

    /// <summary>Every problem with the arguments at once, each naming its flag.</summary>
    public static (BindRequest? Request, IReadOnlyList<string> Errors) Create(
        string? ns, string? ksa, string? gsa, string? pool, string? projectNumber, bool direct)
    {
        var errors = new List<string>();
        if (string.IsNullOrEmpty(ns) || !KubernetesNames.IsLabel(ns))
            errors.Add($"--namespace '{ns}' is not a valid namespace name (lower-case letters, digits and '-', at most 63 characters)");
        if (string.IsNullOrEmpty(ksa) || !KubernetesNames.IsSubdomain(ksa))
            errors.Add($"--ksa '{ksa}' is not a valid ServiceAccount name (lower-case letters, digits, '-' and '.', at most 253 characters)");

        GsaEmail? email = null;
        if (GsaEmail.TryParse(gsa, out var parsed)) email = parsed;
        else errors.Add(GsaProblem(gsa));

        if (string.IsNullOrEmpty(pool))
            errors.Add("--workload-pool is required: the cluster's pool, PROJECT_ID.svc.id.goog " +
                "(gcloud container clusters describe CLUSTER --location=LOCATION --format='value(workloadIdentityConfig.workloadPool)')");
        else if (Core.Identity.WorkloadPool.ProjectOf(pool) is null)
            errors.Add($"--workload-pool '{pool}' must look like PROJECT_ID.svc.id.goog");

        if (projectNumber is not null && (projectNumber.Length is < 6 or > 20 || !projectNumber.All(char.IsAsciiDigit)))
            errors.Add($"--project-number '{projectNumber}' must be the project's number (digits only), not its id");

        return errors.Count > 0
            ? (null, errors)
            : (new BindRequest(ns!, ksa!, email!, pool!, projectNumber, direct), errors);
    }

    private static string GsaProblem(string? gsa)
    {
        if (string.IsNullOrEmpty(gsa)) return "--gsa is required: the GSA email, NAME@PROJECT_ID.iam.gserviceaccount.com";
        if (!gsa.Contains('@', StringComparison.Ordinal))
            return $"--gsa '{gsa}' is a short name; give the full email, e.g. {gsa}@PROJECT_ID.iam.gserviceaccount.com";
        if (!string.Equals(gsa, gsa.Trim(), StringComparison.Ordinal))
            return $"--gsa '{gsa}' has leading or trailing whitespace";
        if (!string.Equals(gsa, gsa.ToLowerInvariant(), StringComparison.Ordinal))
            return $"--gsa '{gsa}' has upper-case letters; GSA emails are lower case: {gsa.ToLowerInvariant()}";
        return $"--gsa '{gsa}' is not a GSA email (NAME@PROJECT_ID.iam.gserviceaccount.com, 6-30 characters before the @)";
    }
}
