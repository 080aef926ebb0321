namespace WiGuard.Core.Facts;

/// <summary>What IAM says about one Google service account.</summary>
/// <param name="Email">The GSA email as looked up (lower case).</param>
/// <param name="Outcome">Whether the GSA and its policy could be read.</param>
/// <param name="Disabled">The GSA exists but is disabled.</param>
/// <param name="Policy">The GSA's own IAM policy (who may act as it); null unless <see cref="Outcome"/> is Found.</param>
/// <param name="Problem">For Unavailable or PermissionDenied: what went wrong, for the "could not check" warning.</param>
public sealed record GsaFacts(string Email, LookupOutcome Outcome, bool Disabled, IamPolicy? Policy, string? Problem = null)
{
    public static GsaFacts Unavailable(string email, string problem) => new(email, LookupOutcome.Unavailable, false, null, problem);
}

/// <summary>What Resource Manager says about one project.</summary>
/// <param name="ProjectId">The project id.</param>
/// <param name="Outcome">Whether the project could be read.</param>
/// <param name="ProjectNumber">The project's number, used in principal:// member strings.</param>
/// <param name="Policy">The project's IAM policy (grants a GSA inherits, and direct-model grants).</param>
/// <param name="Problem">For Unavailable or PermissionDenied: what went wrong.</param>
public sealed record ProjectFacts(string ProjectId, LookupOutcome Outcome, string? ProjectNumber, IamPolicy? Policy, string? Problem = null)
{
    public static ProjectFacts Unavailable(string projectId, string problem) => new(projectId, LookupOutcome.Unavailable, null, null, problem);
}
