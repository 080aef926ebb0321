using Google.Apis.Auth.OAuth2;

namespace WiGuard.Google.Auth;

/// <summary>Where the bearer token for Google calls comes from; null means "send no Authorization header".</summary>
public interface IAccessTokenSource
{
    /// <exception cref="CredentialsUnavailableException">No usable credentials.</exception>
    Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken);
}

/// <summary><c>Iam:Credentials=None</c>: for local fakes of the Google APIs.</summary>
public sealed class NoAccessToken : IAccessTokenSource
{
    public static readonly NoAccessToken Instance = new();

    public Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}

/// <summary>
/// Application Default Credentials scoped to cloud-platform: the GKE metadata server in a cluster, a key
/// file or gcloud user credentials locally. The credential caches and refreshes its own tokens.
/// </summary>
public sealed class ApplicationDefaultAccessToken : IAccessTokenSource, IDisposable
{
    private const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private ITokenAccess? _credential;

    public async Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        var credential = _credential ?? await LoadAsync(cancellationToken);
        try
        {
            return await credential.GetAccessTokenForRequestAsync(cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new CredentialsUnavailableException($"could not get an access token: {ex.Message}", ex);
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<ITokenAccess> LoadAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_credential is not null) return _credential;
            var credential = await GoogleCredential.GetApplicationDefaultAsync(cancellationToken);
            _credential = credential.CreateScoped(CloudPlatformScope);
            return _credential;
        }
        catch (InvalidOperationException ex)
        {
            throw new CredentialsUnavailableException($"no Application Default Credentials ({ex.Message})", ex);
        }
        finally
        {
            _gate.Release();
        }
    }
}

public sealed class CredentialsUnavailableException : Exception
{
    public CredentialsUnavailableException() { }
    public CredentialsUnavailableException(string message) : base(message) { }
    public CredentialsUnavailableException(string message, Exception innerException) : base(message, innerException) { }
}
