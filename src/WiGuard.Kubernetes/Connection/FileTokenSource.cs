namespace WiGuard.Kubernetes.Connection;

/// <summary>
/// A token read from a file that the kubelet rotates (projected service account tokens live
/// about an hour and are refreshed well before expiry): re-read at most once a minute, and
/// at once after the API server answered 401.
/// </summary>
public sealed class FileTokenSource : ITokenSource
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private string? _token;
    private DateTimeOffset _readAt;

    public FileTokenSource(string path, TimeProvider time)
    {
        _path = path;
        _time = time;
    }

    public string Path => _path;

    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (_token is not null && now - _readAt < MaxAge) return _token;
        }

        string text;
        try
        {
            text = await File.ReadAllTextAsync(_path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KubernetesConfigException($"cannot read the token file {_path}: {ex.Message}", ex);
        }

        var token = text.Trim();
        if (token.Length == 0) throw new KubernetesConfigException($"the token file {_path} is empty");

        lock (_lock)
        {
            _token = token;
            _readAt = now;
        }

        return token;
    }

    public bool Invalidate()
    {
        lock (_lock) _token = null;
        return true;
    }
}
