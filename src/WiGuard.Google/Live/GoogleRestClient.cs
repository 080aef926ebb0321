using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using WiGuard.Core.Configuration;
using WiGuard.Google.Auth;
using WiGuard.Google.Telemetry;
using WiGuard.Google.Wire;

namespace WiGuard.Google.Live;

/// <summary>
/// Sends one logical Google REST call: bearer token, client-side pacing, and retries with back-off for 429,
/// 5xx and connection errors, but only while the next attempt still fits in <c>Iam:Timeout</c>.
/// </summary>
internal sealed class GoogleRestClient
{
    public const string HttpClientName = "WiGuard.Google";
    private const int MaxAttempts = 4;

    private readonly HttpClient _http;
    private readonly IAccessTokenSource _tokens;
    private readonly RequestPacer _pacer;
    private readonly TimeProvider _time;
    private readonly TimeSpan _budget;
    private readonly IamMetrics _metrics;
    private readonly ILogger _logger;

    /// <summary>
    /// A single attempt may outlive the caller's budget (its answer still fills the cache), but not forever:
    /// a hung call would otherwise hold the single flight of its key and no later lookup would start a new one.
    /// </summary>
    public static readonly TimeSpan DefaultAttemptLimit = TimeSpan.FromSeconds(30);

    private readonly TimeSpan _attemptLimit;

    public GoogleRestClient(
        HttpClient http, IAccessTokenSource tokens, RequestPacer pacer, TimeProvider time, IamOptions options, IamMetrics metrics, ILogger logger,
        TimeSpan? attemptLimit = null)
    {
        _attemptLimit = attemptLimit ?? DefaultAttemptLimit;
        _http = http;
        _tokens = tokens;
        _pacer = pacer;
        _time = time;
        _budget = options.Timeout;
        _metrics = metrics;
        _logger = logger;
    }

    /// <param name="body">Makes the request body for each attempt (a sent body is disposed with its request).</param>
    public async Task<GoogleResponse<T>> SendAsync<T>(HttpMethod method, Uri uri, Func<HttpContent>? body, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        var started = _time.GetTimestamp();
        string problem = "no attempt was made";
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var pace = _pacer.Reserve();
            if (pace > TimeSpan.Zero)
            {
                if (!Fits(started, pace))
                {
                    _pacer.Return();
                    _metrics.Request("rate_limited");
                    return GoogleResponse<T>.Failed("WiGuard's own IAM request rate limit was reached");
                }

                await Task.Delay(pace, _time, cancellationToken);
            }

            var (result, retryAfter) = await AttemptAsync(method, uri, body, type, attempt, cancellationToken);
            if (result is not null) return result.Response;

            problem = retryAfter.Problem;
            var delay = retryAfter.Delay ?? RetryDelay.Exponential(attempt);
            if (attempt == MaxAttempts || !Fits(started, delay)) break;
            await Task.Delay(delay, _time, cancellationToken);
        }

        return GoogleResponse<T>.Failed(problem);
    }

    /// <summary>Whether waiting <paramref name="delay"/> still leaves time for an answer inside the budget.</summary>
    private bool Fits(long started, TimeSpan delay) => _time.GetElapsedTime(started) + delay < _budget;

    private async Task<(Final<T>? Result, Transient RetryAfter)> AttemptAsync<T>(
        HttpMethod method, Uri uri, Func<HttpContent>? body, JsonTypeInfo<T> type, int attempt, CancellationToken cancellationToken)
        where T : class
    {
        using var request = new HttpRequestMessage(method, uri) { Content = body?.Invoke() };
        try
        {
            var token = await _tokens.GetAccessTokenAsync(cancellationToken);
            if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        catch (CredentialsUnavailableException ex)
        {
            Log.NoCredentials(_logger, ex.Message);
            return (new Final<T>(GoogleResponse<T>.Failed($"WiGuard has no Google credentials: {ex.Message}")), default);
        }

        using var limit = new CancellationTokenSource(_attemptLimit, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token);
            return await ClassifyAsync(method, uri, response, type, attempt, linked.Token);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            _metrics.Request("network_error");
            Log.RequestFailed(_logger, method.Method, uri.AbsolutePath, "network_error", attempt, "no answer");
            return (null, new Transient(null, $"{uri.Host} did not answer within {_attemptLimit.TotalSeconds:0.###}s"));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            _metrics.Request("network_error");
            Log.RequestFailed(_logger, method.Method, uri.AbsolutePath, "network_error", attempt, ex.Message);
            return (null, new Transient(null, $"could not reach {uri.Host} ({ex.GetType().Name})"));
        }
    }

    private async Task<(Final<T>? Result, Transient RetryAfter)> ClassifyAsync<T>(
        HttpMethod method, Uri uri, HttpResponseMessage response, JsonTypeInfo<T> type, int attempt, CancellationToken cancellationToken)
        where T : class
    {
        var code = (int)response.StatusCode;
        switch (response.StatusCode)
        {
            case HttpStatusCode.OK:
                return (new Final<T>(await ParseAsync(uri, response, type, cancellationToken)), default);
            case HttpStatusCode.NotFound:
                _metrics.Request("not_found");
                return (new Final<T>(new GoogleResponse<T>(GoogleStatus.NotFound, null, "not found (404)")), default);
            case HttpStatusCode.Forbidden:
                _metrics.Request("permission_denied");
                return (new Final<T>(new GoogleResponse<T>(GoogleStatus.PermissionDenied, null, await ErrorMessageAsync(response, cancellationToken))), default);
            case HttpStatusCode.TooManyRequests:
                _metrics.Request("throttled");
                Log.RequestFailed(_logger, method.Method, uri.AbsolutePath, "throttled", attempt, "429");
                return (null, new Transient(RetryDelay.RetryAfter(response.Headers.RetryAfter, _time.GetUtcNow()), "IAM throttled WiGuard (429)"));
            case var _ when code >= 500:
                _metrics.Request("server_error");
                Log.RequestFailed(_logger, method.Method, uri.AbsolutePath, "server_error", attempt, code.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return (null, new Transient(RetryDelay.RetryAfter(response.Headers.RetryAfter, _time.GetUtcNow()), $"{uri.Host} answered {code}"));
            default:
                _metrics.Request("client_error");
                var message = await ErrorMessageAsync(response, cancellationToken);
                Log.RequestFailed(_logger, method.Method, uri.AbsolutePath, "client_error", attempt, message);
                return (new Final<T>(GoogleResponse<T>.Failed($"{uri.Host} answered {code}: {message}")), default);
        }
    }

    private async Task<GoogleResponse<T>> ParseAsync<T>(Uri uri, HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var value = await JsonSerializer.DeserializeAsync(stream, type, cancellationToken);
            if (value is null) throw new JsonException("the body is null");
            _metrics.Request("ok");
            return GoogleResponse<T>.Ok(value);
        }
        catch (JsonException ex)
        {
            _metrics.Request("invalid_response");
            Log.InvalidResponse(_logger, uri.AbsolutePath, ex.Message);
            return GoogleResponse<T>.Failed($"{uri.Host} sent a response WiGuard cannot read");
        }
    }

    /// <summary>Google's own error message (<c>{"error":{"message":…}}</c>), shortened; never the raw body.</summary>
    private static async Task<string> ErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var envelope = JsonSerializer.Deserialize(body, GoogleJsonContext.Default.GoogleErrorEnvelopeDto);
            var message = envelope?.Error?.Message ?? response.ReasonPhrase ?? "no message";
            return message.Length > 160 ? message[..160] + "…" : message;
        }
        catch (JsonException)
        {
            return response.ReasonPhrase ?? "no message";
        }
    }

    private sealed record Final<T>(GoogleResponse<T> Response) where T : class;

    private readonly record struct Transient(TimeSpan? Delay, string Problem);
}
