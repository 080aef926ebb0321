using System.Net;

namespace WiGuard.Kubernetes.Api;

internal static class HttpStatus
{
    /// <summary>"Internal Server Error" for 500: the standard phrase, for codes that arrive without one (HTTP/2, watch ERROR events).</summary>
    public static string Reason(HttpStatusCode code)
    {
        using var response = new HttpResponseMessage(code);
        return string.IsNullOrEmpty(response.ReasonPhrase) ? ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture) : response.ReasonPhrase;
    }
}
