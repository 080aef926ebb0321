using System.Text.RegularExpressions;

namespace WiGuard.Core.Identity;

public enum GsaKind
{
    /// <summary>name@project.iam.gserviceaccount.com: a user-managed GSA, what Workload Identity expects.</summary>
    UserManaged,

    /// <summary>project@appspot.gserviceaccount.com: the App Engine default GSA (broad Editor rights by default).</summary>
    AppEngineDefault,

    /// <summary>number-compute@developer.gserviceaccount.com: the Compute Engine default GSA (the node's identity).</summary>
    ComputeDefault,
}

/// <summary>A syntactically valid Google service account email and the project it lives in.</summary>
public sealed partial record GsaEmail(string Value, string AccountId, string ProjectId, GsaKind Kind)
{
    public const string UserManagedSuffix = ".iam.gserviceaccount.com";
    public const string AppEngineDomain = "appspot.gserviceaccount.com";
    public const string ComputeDomain = "developer.gserviceaccount.com";

    /// <summary>
    /// Parses an exact value (no trimming, no case folding: GKE does neither). For the Compute
    /// default GSA the project is known only by number, and <see cref="ProjectId"/> holds that number.
    /// </summary>
    public static bool TryParse(string? value, out GsaEmail email)
    {
        email = null!;
        if (value is null || value.Length > 254) return false;

        var user = UserManagedPattern().Match(value);
        if (user.Success)
        {
            var project = ProjectFromDomain(user.Groups["domain"].Value);
            email = new GsaEmail(value, user.Groups["account"].Value, project, GsaKind.UserManaged);
            return true;
        }

        var appspot = AppEnginePattern().Match(value);
        if (appspot.Success)
        {
            email = new GsaEmail(value, appspot.Groups["project"].Value, appspot.Groups["project"].Value, GsaKind.AppEngineDefault);
            return true;
        }

        var compute = ComputePattern().Match(value);
        if (compute.Success)
        {
            email = new GsaEmail(value, value[..value.IndexOf('@', StringComparison.Ordinal)], compute.Groups["number"].Value, GsaKind.ComputeDefault);
            return true;
        }

        return false;
    }

    /// <summary>The email of a user-managed GSA with this account id in this project.</summary>
    public static string For(string accountId, string projectId)
    {
        var colon = projectId.IndexOf(':', StringComparison.Ordinal);
        var domain = colon < 0 ? projectId : $"{projectId[(colon + 1)..]}.{projectId[..colon]}";
        return $"{accountId}@{domain}{UserManagedSuffix}";
    }

    // Domain-scoped projects ("example.com:my-proj") put the domain after the project id.
    private static string ProjectFromDomain(string domain)
    {
        var dot = domain.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? domain : $"{domain[(dot + 1)..]}:{domain[..dot]}";
    }

    [GeneratedRegex(@"^(?<account>[a-z](?:[a-z0-9-]{4,28})[a-z0-9])@(?<domain>[a-z][a-z0-9-]{4,28}[a-z0-9](?:\.[a-z0-9-]+(?:\.[a-z0-9-]+)+)?)\.iam\.gserviceaccount\.com\z", RegexOptions.CultureInvariant)]
    private static partial Regex UserManagedPattern();

    [GeneratedRegex(@"^(?<project>[a-z][a-z0-9-]{4,28}[a-z0-9])@appspot\.gserviceaccount\.com\z", RegexOptions.CultureInvariant)]
    private static partial Regex AppEnginePattern();

    [GeneratedRegex(@"^(?<number>[0-9]{6,20})-compute@developer\.gserviceaccount\.com\z", RegexOptions.CultureInvariant)]
    private static partial Regex ComputePattern();
}
