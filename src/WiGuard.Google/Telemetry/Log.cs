using Microsoft.Extensions.Logging;

namespace WiGuard.Google.Telemetry;

/// <summary>Source-generated log messages of the IAM client. Never logs tokens or whole policies.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning,
        Message = "WiGuard may not read {Resource}: IAM answered 403; grant WiGuard's identity {Permission} (logged once per resource)")]
    public static partial void PermissionDenied(ILogger logger, string resource, string permission);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "IAM request {Method} {Path} failed ({Outcome}) on attempt {Attempt}: {Reason}")]
    public static partial void RequestFailed(ILogger logger, string method, string path, string outcome, int attempt, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Google answered {Path} with data WiGuard cannot use: {Reason}")]
    public static partial void InvalidResponse(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "IAM lookup {Key} did not finish within {Budget}; answering 'could not verify'")]
    public static partial void LookupTimedOut(ILogger logger, string key, TimeSpan budget);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "IAM refresh of {Key} failed ({Problem}); serving the cached answer from {FetchedAt:O}")]
    public static partial void ServingStale(ILogger logger, string key, string problem, DateTimeOffset fetchedAt);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Error, Message = "No Google credentials for IAM lookups: {Reason}")]
    public static partial void NoCredentials(ILogger logger, string reason);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Information, Message = "IAM facts: {Source}")]
    public static partial void IamSource(ILogger logger, string source);
}
