namespace WiGuard.Core.Configuration;

public enum IamCredentials
{
    /// <summary>Application Default Credentials: the GKE metadata server in a cluster, a key file or gcloud user credentials locally.</summary>
    ApplicationDefault,

    /// <summary>No Authorization header: for local fakes of the Google APIs.</summary>
    None,
}

public enum LookupFailureAction
{
    /// <summary>Fail open: allow with a warning that the check could not be made.</summary>
    Allow,

    /// <summary>Fail closed: a GSA that could not be checked denies like a missing one.</summary>
    Deny,
}

/// <summary>The <c>WiGuard:Iam</c> configuration section: where IAM facts come from and how hard to try.</summary>
public sealed class IamOptions
{
    public const string Section = "WiGuard:Iam";

    /// <summary>Offline IAM facts from a snapshot file instead of live IAM.</summary>
    public string? SnapshotPath { get; set; }

    public Uri IamBaseUri { get; set; } = new("https://iam.googleapis.com/");

    public Uri ResourceManagerBaseUri { get; set; } = new("https://cloudresourcemanager.googleapis.com/");

    public IamCredentials Credentials { get; set; } = IamCredentials.ApplicationDefault;

    /// <summary>The whole budget of one lookup, retries included; the API server waits for the webhook at most 30s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromMinutes(5);

    public LookupFailureAction OnLookupFailure { get; set; } = LookupFailureAction.Allow;

    /// <summary>Every problem with the values, each naming its key, so start-up reports them all at once.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        CheckUri(problems, nameof(IamBaseUri), IamBaseUri);
        CheckUri(problems, nameof(ResourceManagerBaseUri), ResourceManagerBaseUri);
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromSeconds(25))
            problems.Add($"{Section}:{nameof(Timeout)} must be more than 0 and at most 00:00:25 (the API server gives a webhook 30s); it is {Timeout}.");
        if (CacheTtl <= TimeSpan.Zero)
            problems.Add($"{Section}:{nameof(CacheTtl)} must be more than 0; it is {CacheTtl}.");
        if (SnapshotPath is not null && string.IsNullOrWhiteSpace(SnapshotPath))
            problems.Add($"{Section}:{nameof(SnapshotPath)} is empty; remove it for live IAM or name a snapshot file.");
        if (!Enum.IsDefined(Credentials))
            problems.Add($"{Section}:{nameof(Credentials)} must be ApplicationDefault or None.");
        if (!Enum.IsDefined(OnLookupFailure))
            problems.Add($"{Section}:{nameof(OnLookupFailure)} must be Allow or Deny.");
        return problems;
    }

    private static void CheckUri(List<string> problems, string key, Uri? uri)
    {
        if (uri is null || !uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            problems.Add($"{Section}:{key} must be an absolute http(s) URI such as https://iam.googleapis.com/; it is '{uri}'.");
    }
}
