using System.Net;

namespace WiGuard.Kubernetes.Api;

/// <summary>
/// A request to the API server failed. The message is meant for a log line and /readyz:
/// "401 Unauthorized from https://10.0.0.1/api/v1/serviceaccounts: …".
/// </summary>
public sealed class KubeApiException : Exception
{
    public KubeApiException(HttpStatusCode? statusCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    public KubeApiException() { }

    public KubeApiException(string message) : base(message) { }

    public KubeApiException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The HTTP status (or a watch ERROR event's code); null when the server was not reached.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>410 Gone: the resourceVersion or continue token is too old, the caller must list again.</summary>
    public bool IsGone => StatusCode == HttpStatusCode.Gone;
}
