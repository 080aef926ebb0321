using System.Text.RegularExpressions;
using WiGuard.Core.Identity;

namespace WiGuard.Core.Rules.ServiceAccounts;

/// <summary>
/// Says why a trimmed, lower-case value that contains '@' is not a GSA email: the domain must be a
/// service-account domain and the account and project ids must be well formed.
/// </summary>
internal static partial class GsaEmailShape
{
    private const string GsaDomain = "gserviceaccount.com";

    public static IEnumerable<GsaValueProblem> Inspect(string value, GsaFixTarget target)
    {
        var at = value.LastIndexOf('@');
        var (account, domain) = (value[..at], value[(at + 1)..]);
        if (account.Contains('@', StringComparison.Ordinal))
        {
            yield return new("GSA email has more than one '@'", "No email has two '@', so GKE cannot find the GSA.", target.ListGsas);
            yield break;
        }

        if (account.Length == 0 || domain.Length == 0)
        {
            yield return new($"GSA email '{value}' is incomplete", "GKE needs the whole email, NAME@PROJECT.iam.gserviceaccount.com, to find the GSA.", target.ListGsas);
            yield break;
        }

        if (!domain.Contains('.', StringComparison.Ordinal))
        {
            var project = ProjectId().IsMatch(domain) ? domain : null;
            yield return new(
                $"GSA email domain '@{domain}' is incomplete; GSAs use @PROJECT{GsaEmail.UserManagedSuffix}",
                "GKE does not complete the domain, so the email names no GSA and token requests fail.",
                target.SetGsa(GsaEmail.For(account, project ?? target.Project)) + (project is null ? target.ProjectNote : ""));
            yield break;
        }

        if (domain.EndsWith(GsaEmail.UserManagedSuffix, StringComparison.Ordinal))
        {
            // Domain-scoped projects ("example.com:proj") put their domain after the project id.
            var project = domain[..^GsaEmail.UserManagedSuffix.Length].Split('.')[0];
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
            $"gcloud iam service-accounts create {DefaultGsaAdvice.SuggestedAccountId(target.Ksa)} --project={target.Project}\n" +
            target.SetGsa(GsaEmail.For(DefaultGsaAdvice.SuggestedAccountId(target.Ksa), target.Project)) + target.ProjectNote);
    }

    internal static string? AccountIdProblem(string account) =>
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

    [GeneratedRegex(@"[^a-z0-9-]", RegexOptions.CultureInvariant)]
    private static partial Regex AccountIdChars();

    [GeneratedRegex(@"^[a-z][a-z0-9-]{4,28}[a-z0-9]\z", RegexOptions.CultureInvariant)]
    private static partial Regex ProjectId();
}
