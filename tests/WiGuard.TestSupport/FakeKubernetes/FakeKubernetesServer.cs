using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WiGuard.TestSupport.FakeKubernetes;

/// <summary>A request the fake API server received.</summary>
public sealed record FakeKubeRequest(string Path, IReadOnlyDictionary<string, string> Query, string? BearerToken, string? ClientCertificateSubject)
{
    public bool IsWatch => Query.TryGetValue("watch", out var watch) && watch == "true";
}

/// <summary>
/// A Kubernetes API server on 127.0.0.1 over HTTPS (certificate from <see cref="TestPki"/>):
/// LIST with limit/continue pages of a consistent snapshot, chunked WATCH streams with
/// bookmarks, 410 Gone after <see cref="Compact"/>, dropped connections, and bearer-token or
/// client-certificate authentication answering 401 like the real one.
/// </summary>
public sealed partial class FakeKubernetesServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeKubeState _state = new();
    private readonly ConcurrentDictionary<string, bool> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<FakeKubeRequest> _requests = new();
    private readonly ConcurrentDictionary<string, bool> _forbidden = new(StringComparer.Ordinal);
    private volatile TaskCompletionSource _watchGate = Open();

    private FakeKubernetesServer(WebApplication app, TestPki pki, Uri baseUri)
    {
        _app = app;
        Pki = pki;
        BaseUri = baseUri;
    }

    public TestPki Pki { get; }

    public Uri BaseUri { get; }

    /// <summary>Answer a WATCH from a compacted resourceVersion with HTTP 410 instead of a 200 stream holding an ERROR event.</summary>
    public bool GoneAsHttpStatus { get; set; }

    public long ResourceVersion => _state.ResourceVersion;

    /// <summary>Serve the API under a path, as proxies such as Rancher do (<c>/k8s/clusters/c-m-4x7</c>).</summary>
    public string PathPrefix { get; set; } = "";

    public IReadOnlyList<FakeKubeRequest> Requests => [.. _requests];

    public static async Task<FakeKubernetesServer> StartAsync(TestPki? pki = null)
    {
        pki ??= TestPki.Create();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = pki.Server,
                ClientCertificateMode = ClientCertificateMode.AllowCertificate,
                ClientCertificateValidation = (certificate, _, _) => IssuedBy(certificate, pki.Authority),
            });
        }));

        var app = builder.Build();
        FakeKubernetesServer? server = null;
        app.Run(context => server!.HandleAsync(context));
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new FakeKubernetesServer(app, pki, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
        return server;
    }

    public void AllowToken(string token) => _tokens[token] = true;

    /// <summary>The token now answers 401, as an expired service account token does.</summary>
    public void RevokeToken(string token) => _tokens.TryRemove(token, out _);

    /// <summary>Every request for the resource now answers 403 Forbidden, as when RBAC does not allow it.</summary>
    public void Forbid(FakeResource resource) => _forbidden[resource.Key] = true;

    public void Permit(FakeResource resource) => _forbidden.TryRemove(resource.Key, out _);

    /// <summary>Creates or replaces an object (JSON as kubectl would send it); returns its new resourceVersion.</summary>
    public string Apply(FakeResource resource, string json) =>
        _state.Apply(resource, JsonNode.Parse(json) as JsonObject ?? throw new ArgumentException("not a JSON object", nameof(json)));

    public string Delete(FakeResource resource, string? @namespace, string name) => _state.Delete(resource, @namespace, name);

    /// <summary>Sends a BOOKMARK with the current resourceVersion to every watch that allowed bookmarks.</summary>
    public void Bookmark() => _state.Bookmark();

    /// <summary>Forgets history: watches and continue tokens from before now get 410 Gone.</summary>
    public void Compact() => _state.Compact();

    /// <summary>Cuts every open watch connection, optionally in the middle of an event line.</summary>
    public void DropWatches(bool tornEvent = false) => _state.DropWatches(tornEvent);

    /// <summary>Ends every open watch with an ERROR event carrying a Status, as the API server does when a watch fails.</summary>
    public void FailWatches(int code, string reason, string message) =>
        _state.FailWatches($"{{\"type\":\"ERROR\",\"object\":{StatusJson(code, reason, message)}}}");

    /// <summary>New watch requests wait (unanswered) until <see cref="ReleaseWatches"/>: lets a test change the cluster while a client is disconnected.</summary>
    public void HoldWatches() => _watchGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseWatches() => _watchGate.TrySetResult();

    public int OpenWatches(FakeResource resource) => _state.WatcherCount(resource.Plural);

    /// <summary>Waits until <paramref name="count"/> watches of the resource are open.</summary>
    public async Task WaitForWatchesAsync(FakeResource resource, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (OpenWatches(resource) < count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"no {count} open watch(es) of {resource.Plural}");
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        ReleaseWatches();
        _state.DropWatches(tornEvent: false);
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static TaskCompletionSource Open()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }

    private static bool IssuedBy(X509Certificate2 certificate, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
