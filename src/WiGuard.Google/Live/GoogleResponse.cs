namespace WiGuard.Google.Live;

internal enum GoogleStatus
{
    Ok,
    NotFound,
    PermissionDenied,

    /// <summary>Anything else: timeout, throttling, 5xx, bad JSON, no credentials. Nothing is known.</summary>
    Failed,
}

/// <summary>The result of one logical Google call (retries included).</summary>
internal sealed record GoogleResponse<T>(GoogleStatus Status, T? Value, string? Problem) where T : class
{
    public static GoogleResponse<T> Ok(T value) => new(GoogleStatus.Ok, value, null);

    public static GoogleResponse<T> Failed(string problem) => new(GoogleStatus.Failed, null, problem);
}
