using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using WiGuard.Kubernetes.Connection;

namespace WiGuard.Kubernetes.Api;

/// <summary>The Kubernetes REST calls WiGuard needs, over one long-lived HTTP client.</summary>
public sealed class KubeApiClient : IKubeApi, IDisposable
{
    private readonly HttpClient _http;
    private readonly ITokenSource? _token;
    private readonly TimeSpan _requestTimeout;

    public KubeApiClient(ClusterConnection connection, KubernetesOptions options)
    {
        Server = connection.Server;
        _token = connection.Token;
        _requestTimeout = options.RequestTimeout;

        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(10),
            // Re-resolve the service address now and then instead of pinning one connection forever.
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        };
        handler.SslOptions.RemoteCertificateValidationCallback =
            ServerCertificateValidation.For(connection.CertificateAuthorities, connection.SkipTlsVerify);
        if (connection.ClientCertificate is not null)
            handler.SslOptions.ClientCertificates = new X509CertificateCollection { connection.ClientCertificate };

        // Watches stay open for minutes; per-request budgets are applied with cancellation instead.
        _http = new HttpClient(handler) { BaseAddress = KubeUrls.Root(Server), Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("wiguard", typeof(KubeApiClient).Assembly.GetName().Version?.ToString(3) ?? "0"));
    }

    public Uri Server { get; }

    public async Task<KubeListPage> ListPageAsync(KubeResource resource, string? @namespace, int limit, string? continueToken, CancellationToken cancellationToken)
    {
        var path = resource.CollectionPath(@namespace);
        var query = $"?limit={limit.ToString(CultureInfo.InvariantCulture)}";
        if (!string.IsNullOrEmpty(continueToken)) query += $"&continue={Uri.EscapeDataString(continueToken)}";

        using var document = await GetJsonAsync(path, query, cancellationToken);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("items", out var items) || items.ValueKind is not (JsonValueKind.Array or JsonValueKind.Null))
            throw new KubeApiException(null, $"LIST {Url(path)} answered JSON that is not a List");

        var list = new List<JsonElement>(items.ValueKind == JsonValueKind.Array ? items.GetArrayLength() : 0);
        if (items.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in items.EnumerateArray())
                list.Add(KubeJsonItems.WithTypeMeta(item, resource));
        }

        var meta = root.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        var resourceVersion = StringOf(meta, "resourceVersion")
            ?? throw new KubeApiException(null, $"LIST {Url(path)} answered without metadata.resourceVersion");
        return new KubeListPage(list, resourceVersion, StringOf(meta, "continue"));
    }

    public async Task<KubeWatch> WatchAsync(KubeResource resource, string? @namespace, string resourceVersion, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var path = resource.CollectionPath(@namespace);
        var seconds = Math.Max(1, (int)timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        var query = $"?watch=true&allowWatchBookmarks=true&resourceVersion={Uri.EscapeDataString(resourceVersion)}&timeoutSeconds={seconds}";
        var response = await SendAsync(path, query, HttpCompletionOption.ResponseHeadersRead, null, cancellationToken);
        return new KubeWatch(response, resource, Url(path));
    }

    public async Task<JsonElement?> GetAsync(KubeResource resource, string? @namespace, string name, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await GetJsonAsync(resource.ObjectPath(@namespace, name), "", cancellationToken);
            return KubeJsonItems.WithTypeMeta(document.RootElement, resource);
        }
        catch (KubeApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonDocument> GetJsonAsync(string path, string query, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(_requestTimeout);
        try
        {
            using var response = await SendAsync(path, query, HttpCompletionOption.ResponseContentRead, budget.Token, cancellationToken);
            await using var body = await response.Content.ReadAsStreamAsync(budget.Token);
            return await JsonDocument.ParseAsync(body, default, budget.Token);
        }
        catch (JsonException ex)
        {
            throw new KubeApiException(null, $"GET {Url(path)} answered invalid JSON: {ex.Message}", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new KubeApiException(null, $"GET {Url(path)} timed out after {_requestTimeout.TotalSeconds:0}s", ex);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string query, HttpCompletionOption completion, CancellationToken? budget, CancellationToken cancellationToken)
    {
        var token = budget ?? cancellationToken;
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path.TrimStart('/') + query);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (_token is not null)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await _token.GetTokenAsync(token));

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, completion, token);
            }
            catch (HttpRequestException ex) when (ex.InnerException is AuthenticationException)
            {
                throw new KubeApiException(null,
                    $"cannot reach {Url(path)}: TLS handshake failed: the server certificate does not chain to the configured CA or does not match the host name", ex);
            }
            catch (HttpRequestException ex)
            {
                throw new KubeApiException(null, $"cannot reach {Url(path)}: {Innermost(ex)}", ex);
            }

            // A rotated token may have been refreshed on disk since it was last read: try once more with it.
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0 && _token?.Invalidate() == true)
            {
                response.Dispose();
                continue;
            }

            if (response.IsSuccessStatusCode) return response;

            using (response)
            {
                var detail = await StatusMessageAsync(response, token);
                var code = response.StatusCode;
                var reason = string.IsNullOrEmpty(response.ReasonPhrase) ? HttpStatus.Reason(code) : response.ReasonPhrase;
                throw new KubeApiException(code, $"{(int)code} {reason} from {Url(path)}{(detail is null ? "" : $": {detail}")}");
            }
        }
    }

    private static async Task<string?> StatusMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            using var document = JsonDocument.Parse(text);
            var message = StringOf(document.RootElement, "message");
            return string.IsNullOrWhiteSpace(message) ? null : message;
        }
        catch (Exception ex) when (ex is JsonException or IOException or HttpRequestException)
        {
            return null;
        }
    }

    private static string? StringOf(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string Innermost(Exception ex)
    {
        while (ex.InnerException is not null) ex = ex.InnerException;
        return ex.Message;
    }

    private string Url(string path) => KubeUrls.Resolve(Server, path).ToString();
}
