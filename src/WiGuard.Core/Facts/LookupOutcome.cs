namespace WiGuard.Core.Facts;

public enum LookupOutcome
{
    /// <summary>The resource exists and its facts are known.</summary>
    Found,

    /// <summary>Google answered 404: the resource does not exist.</summary>
    NotFound,

    /// <summary>Google answered 403: WiGuard's own identity may not read it. Never the user's fault.</summary>
    PermissionDenied,

    /// <summary>Timed out, throttled, or failed: nothing is known.</summary>
    Unavailable,
}
