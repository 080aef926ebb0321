using System.Runtime.CompilerServices;
using System.Text.Json;

namespace WiGuard.Kubernetes.Api;

/// <summary>
/// An open WATCH: newline-delimited JSON events over a chunked response. The stream ends when
/// the server closes it (its timeout); a broken connection or a torn last line throws.
/// </summary>
public sealed class KubeWatch : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly KubeResource _resource;
    private readonly string _url;

    internal KubeWatch(HttpResponseMessage response, KubeResource resource, string url)
    {
        _response = response;
        _resource = resource;
        _url = url;
    }

    public async IAsyncEnumerable<WatchEvent> ReadEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Stream stream;
        try
        {
            stream = await _response.Content.ReadAsStreamAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw new KubeApiException(null, $"watch of {_url} broke: {ex.Message}", ex);
        }

        using var reader = new StreamReader(stream);
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                throw new KubeApiException(null, $"watch of {_url} broke: {ex.Message}", ex);
            }

            if (line is null) yield break;
            if (line.Length == 0) continue;
            yield return Parse(line);
        }
    }

    private WatchEvent Parse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var type = root.GetProperty("type").GetString() switch
            {
                "ADDED" => WatchEventType.Added,
                "MODIFIED" => WatchEventType.Modified,
                "DELETED" => WatchEventType.Deleted,
                "BOOKMARK" => WatchEventType.Bookmark,
                "ERROR" => WatchEventType.Error,
                var other => throw new KubeApiException(null, $"watch of {_url} sent an event of unknown type \"{other}\""),
            };
            var value = root.GetProperty("object");
            return new WatchEvent(type, type is WatchEventType.Error or WatchEventType.Bookmark ? value.Clone() : KubeJsonItems.WithTypeMeta(value, _resource));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // A torn line: the connection dropped mid-event. The caller resumes from the last whole event.
            throw new KubeApiException(null, $"watch of {_url} sent an incomplete event", ex);
        }
    }

    public void Dispose() => _response.Dispose();
}
