namespace WiGuard.TestSupport.FakeGoogle;

public enum FakeFaultKind
{
    NotFound,
    PermissionDenied,

    /// <summary>429 RESOURCE_EXHAUSTED with a Retry-After header (seconds).</summary>
    TooManyRequests,

    /// <summary>500 INTERNAL.</summary>
    ServerError,

    /// <summary>503 UNAVAILABLE.</summary>
    Unavailable,

    /// <summary>The connection is aborted before any response: the client sees a reset.</summary>
    ResetConnection,

    /// <summary>200 with a body that is not JSON.</summary>
    InvalidJson,

    /// <summary>200 with a JSON array where an object belongs.</summary>
    WrongShape,
}

/// <summary>A misbehaviour the fake Google server shows for requests whose path contains <see cref="PathContains"/>.</summary>
public sealed record FakeFault(FakeFaultKind Kind, string PathContains = "", TimeSpan? RetryAfter = null);
