using System.Net;
using System.Text.Json;

namespace WiGuard.Kubernetes.Api;

public enum WatchEventType
{
    Added,
    Modified,
    Deleted,

    /// <summary>Only carries a newer resourceVersion, so a re-opened watch need not replay old events.</summary>
    Bookmark,

    /// <summary>The object is a Status, e.g. code 410 when the resourceVersion is too old.</summary>
    Error,
}

/// <summary>One line of a WATCH stream.</summary>
public sealed record WatchEvent(WatchEventType Type, JsonElement Object)
{
    public string? ResourceVersion =>
        Object.TryGetProperty("metadata", out var meta) && meta.ValueKind == JsonValueKind.Object &&
        meta.TryGetProperty("resourceVersion", out var rv) && rv.ValueKind == JsonValueKind.String
            ? rv.GetString()
            : null;

    /// <summary>For an ERROR event: the Status as an exception to throw.</summary>
    public KubeApiException ToException(string url)
    {
        int? code = Object.TryGetProperty("code", out var c) && c.TryGetInt32(out var value) ? value : null;
        var message = Object.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        var status = code is null ? "ERROR" : $"{code} {HttpStatus.Reason((HttpStatusCode)code.Value)}";
        return new KubeApiException(
            code is null ? null : (HttpStatusCode)code.Value,
            $"watch of {url} ended with {status}{(message is null ? "" : $": {message}")}");
    }
}
