using System.Text;
using WiGuard.Core.Identity;

namespace WiGuard.Bind;

/// <summary>The exact gcloud command and ServiceAccount YAML that let a KSA act as a GSA.</summary>
public static class BindInstructions
{
    /// <param name="request">What to wire.</param>
    /// <param name="projectNumber">The pool project's number for principal:// members; null prints a command that fetches it.</param>
    public static string Render(BindRequest request, string? projectNumber)
    {
        var gsa = request.Gsa.Value;
        var builder = new StringBuilder();
        builder.Append("# 1. Let KSA ").Append(request.Namespace).Append('/').Append(request.Ksa)
            .Append(" act as GSA ").Append(gsa).Append(":\n");
        builder.Append("gcloud iam service-accounts add-iam-policy-binding ").Append(gsa).Append(" \\\n");
        builder.Append("    --project=").Append(request.Gsa.ProjectId).Append(" \\\n");
        builder.Append("    --role=").Append(KnownKeys.WorkloadIdentityUserRole).Append(" \\\n");
        builder.Append("    --member=\"").Append(Member(request, projectNumber)).Append("\"\n");
        builder.Append('\n');
        builder.Append("# 2. Annotate the KSA (save as a file, or pipe to: kubectl apply -f -):\n");
        builder.Append("apiVersion: v1\n");
        builder.Append("kind: ServiceAccount\n");
        builder.Append("metadata:\n");
        builder.Append("  name: ").Append(request.Ksa).Append('\n');
        builder.Append("  namespace: ").Append(request.Namespace).Append('\n');
        builder.Append("  annotations:\n");
        builder.Append("    ").Append(KnownKeys.GcpServiceAccount).Append(": ").Append(gsa).Append('\n');
        return builder.ToString();
    }

    /// <summary>
    /// The member naming this KSA: <c>serviceAccount:POOL[ns/ksa]</c>, or with <c>--direct</c> the federated
    /// principal, whose path needs the pool project's number (a shell substitution fetches it when unknown).
    /// </summary>
    public static string Member(BindRequest request, string? projectNumber)
    {
        if (!request.Direct) return $"serviceAccount:{request.WorkloadPool}[{request.Namespace}/{request.Ksa}]";

        var number = projectNumber ?? $"$(gcloud projects describe {request.PoolProject} --format='value(projectNumber)')";
        return $"principal://iam.googleapis.com/projects/{number}/locations/global/workloadIdentityPools/{request.WorkloadPool}" +
               $"/subject/ns/{request.Namespace}/sa/{request.Ksa}";
    }
}
