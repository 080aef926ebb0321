using System.Text.RegularExpressions;
using WiGuard.Core.Identity;

namespace WiGuard.Core.Rules.ServiceAccounts;

/// <summary>
/// Checks a trimmed, lower-case value that contains '@': the domain must be a service-account
/// domain and the account and project ids must be well formed. Valid default GSAs get an advisory.
/// </summary>
internal static partial class GsaEmailShape
{
    private const string GsaDomain = "gserviceaccount.com";

    public static IEnumerable<GsaValueProblem> Inspect(string value, GsaFixTarget target)
    {
        if (GsaEmail.TryParse(value, out var email))
        {
            if (email.Kind != GsaKind.UserManaged) yield return DefaultGsa(email, target);
            yield break;
        }

        var at = value.LastIndexOf('@');
        var (account, domain) = (value[..at], value[(at + 1)..]);
        if (account.Contains('@', StringComparison.Ordinal))
        {
            yield return new("GSA email has more than one '@'", "No email has two '@', so GKE cannot find the GSA.", target.ListGsas);
            yield break;
        }

        if (domain.EndsWith(GsaEmail.UserManagedSuffix, StringComparison.Ordinal))
        {
            var project = domain[..^GsaEmail.UserManagedSuffix.Length];
            if (AccountIdProblem(account) is { } accountProblem)
                yield return new($"GSA account id '{account}' {accountProblem}", "No GSA can have this email, so GKE cannot impersonate it.", target.ListGsas);
            if (!ProjectId().IsMatch(project))
                yield return new($"project '{project}' in the GSA email is not a valid project id", "Project ids have 6–30 characters: a-z, 0-9 and '-', starting with a letter.", "gcloud projects list --format='value(projectId)'");
            else if (AccountIdProblem(account) is null)
                yield return new("GSA annotation is not a valid service account email", "GKE cannot find a GSA with this email.", target.ListGsas);
            yield break;
        }

        if (domain == GsaDomain)
        {
            yield return new(
                $"GSA email '@{GsaDomain}' lacks the project; GSAs use @PROJECT{GsaEmail.UserManagedSuffix}",
                "The project part of the domain is required, so GKE cannot find the GSA and token requests fail.",
                target.SetGsa(GsaEmail.For(account, target.Project)) + target.ProjectNote);
            yield break;
        }

        if (domain == GsaEmail.ComputeDomain)
        {
            yield return new($"only Compute default GSAs (NUMBER-compute@{GsaEmail.ComputeDomain}) use this domain", "No other GSA lives in this domain, so GKE cannot find the GSA.", target.ListGsas);
            yield break;
        }

        if (domain == GsaEmail.AppEngineDomain)
        {
            yield return new($"'{account}' before @{GsaEmail.AppEngineDomain} is not a valid project id", "The App Engine default GSA is named after its project id, so GKE cannot find this one.", target.ListGsas);
            yield break;
        }

        if (domain.Contains("serviceaccount", StringComparison.Ordinal) || domain.Contains(".iam.", StringComparison.Ordinal))
        {
            var project = ProjectFromMisspelledDomain(domain) ?? target.Project;
            yield return new(
                $"GSA email domain '@{domain}' is misspelled; GSAs use @PROJECT{GsaEmail.UserManagedSuffix}",
                "A GSA email with any other domain names no GSA, so token requests fail with 403.",
                target.SetGsa(GsaEmail.For(account, project)) + (ProjectFromMisspelledDomain(domain) is null ? target.ProjectNote : ""));
            yield break;
        }

        yield return new(
            $"'{value}' is a user or group email, not a Google service account",
            "Workload Identity lets a KSA act only as a Google service account, never as a person or a group.",
            $"gcloud iam service-accounts create {SuggestedAccountId(target.Ksa)} --project={target.Project}\n" +
            target.SetGsa(GsaEmail.For(SuggestedAccountId(target.Ksa), target.Project)) + target.ProjectNote);
    }

    private static GsaValueProblem DefaultGsa(GsaEmail email, GsaFixTarget target)
    {
        var (which, why) = email.Kind == GsaKind.AppEngineDefault
            ? ("the App Engine default GSA", "It often holds the Editor role on its project, far more than one workload needs.")
            : ("the Compute Engine default GSA", "It is the nodes' own identity and often holds Editor: every pod of this KSA gets the node's rights.");
        var account = SuggestedAccountId(target.Ksa);
        var project = email.Kind == GsaKind.AppEngineDefault ? email.ProjectId : target.Project;
        return new(
            $"GSA is {which}; use a dedicated GSA for this workload",
            why,
            $"gcloud iam service-accounts create {account} --project={project}\n" +
            target.SetGsa(GsaEmail.For(account, project)) +
            (email.Kind == GsaKind.ComputeDefault ? target.ProjectNote : ""),
            Advisory: true);
    }

    private static string? AccountIdProblem(string account) =>
        account.Length is < 6 or > 30 ? $"has {account.Length} characters; account ids have 6–30"
        : AccountIdChars().Match(account) is { Success: true } bad ? $"contains '{bad.Value}'; only a-z, 0-9 and '-' are allowed"
        : !char.IsAsciiLetterLower(account[0]) ? "must start with a letter"
        : account[^1] == '-' ? "must not end with '-'"
        : null;

    private static string? ProjectFromMisspelledDomain(string domain)
    {
        var first = domain.Split('.')[0];
        return ProjectId().IsMatch(first) && !first.Contains("serviceaccount", StringComparison.Ordinal) ? first : null;
    }

    /// <summary>A GSA account id derived from the KSA name, or GSA_NAME when the KSA name cannot be one.</summary>
    internal static string SuggestedAccountId(string ksa) => AccountIdProblem(ksa) is null ? ksa : "GSA_NAME";

    [GeneratedRegex(@"[^a-z0-9-]", RegexOptions.CultureInvariant)]
    private static partial Regex AccountIdChars();

    [GeneratedRegex(@"^[a-z][a-z0-9-]{4,28}[a-z0-9]\z", RegexOptions.CultureInvariant)]
    private static partial Regex ProjectId();
}
