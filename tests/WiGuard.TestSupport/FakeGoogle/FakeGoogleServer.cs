using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WiGuard.TestSupport.FakeGoogle;

/// <summary>
/// IAM v1 and Resource Manager v3 on loopback, speaking Google's JSON and error bodies, so the production
/// HTTP code runs in tests. It counts calls, can answer slowly, and can misbehave on request.
/// </summary>
public sealed class FakeGoogleServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, FakeServiceAccount> _gsas = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FakeProject> _projects = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<FakeFault> _once = new();
    private readonly ConcurrentDictionary<string, FakeFault> _always = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private int _calls;

    private FakeGoogleServer(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Added to every answer; a test of the lookup budget sets it above Iam:Timeout.</summary>
    public TimeSpan Delay { get; set; }

    public int TotalCalls => Volatile.Read(ref _calls);

    public IReadOnlyCollection<RecordedRequest> Requests => _requests;

    public static async Task<FakeGoogleServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var server = new FakeGoogleServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public void AddServiceAccount(string email, string policyJson = """{"version":1,"etag":"ACAB"}""", bool disabled = false) =>
        _gsas[email] = new FakeServiceAccount(disabled, policyJson);

    public void SetServiceAccountPolicy(string email, string policyJson) =>
        _gsas[email] = _gsas[email] with { PolicyJson = policyJson };

    public void RemoveServiceAccount(string email) => _gsas.TryRemove(email, out _);

    public void AddProject(string projectId, string number, string policyJson = """{"version":1,"etag":"ACAB"}""") =>
        _projects[projectId] = new FakeProject(number, policyJson);

    /// <summary>Fills the fake from a WiGuard IAM snapshot file: same policies, served the way Google serves them.</summary>
    public void Load(string snapshotJson)
    {
        var root = JsonNode.Parse(snapshotJson)!;
        foreach (var (id, project) in root["projects"]?.AsObject() ?? [])
            AddProject(id, project!["projectNumber"]!.GetValue<string>(), project["iamPolicy"]?.ToJsonString() ?? """{"etag":"ACAB"}""");
        foreach (var (email, gsa) in root["serviceAccounts"]?.AsObject() ?? [])
            AddServiceAccount(email, gsa!["iamPolicy"]?.ToJsonString() ?? """{"etag":"ACAB"}""", gsa["disabled"]?.GetValue<bool>() ?? false);
    }

    /// <summary>The next request whose path contains the fault's text misbehaves once.</summary>
    public void FailOnce(FakeFault fault) => _once.Enqueue(fault);

    /// <summary>Every request whose path contains the fault's text misbehaves until <see cref="Heal"/>.</summary>
    public void FailAlways(FakeFault fault) => _always[fault.PathContains] = fault;

    public void Heal()
    {
        _always.Clear();
        _once.Clear();
    }

    public int CallsTo(string pathContains) => _requests.Count(r => r.Path.Contains(pathContains, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = Uri.UnescapeDataString(context.Request.Path.Value ?? "");
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
        _requests.Enqueue(new RecordedRequest(context.Request.Method, path, context.Request.QueryString.Value ?? "", body,
            context.Request.Headers.Authorization.ToString()));
        Interlocked.Increment(ref _calls);

        if (Delay > TimeSpan.Zero) await Task.Delay(Delay, context.RequestAborted);
        if (TakeFault(path) is { } fault)
        {
            await MisbehaveAsync(context, fault, path);
            return;
        }

        var (status, json) = Route(context.Request.Method, path, context.Request.Query, body);
        await WriteAsync(context, status, json);
    }

    private FakeFault? TakeFault(string path)
    {
        foreach (var fault in _once)
        {
            if (path.Contains(fault.PathContains, StringComparison.Ordinal) && _once.TryDequeue(out var taken)) return taken;
        }

        return _always.Values.FirstOrDefault(f => path.Contains(f.PathContains, StringComparison.Ordinal));
    }

    private static async Task MisbehaveAsync(HttpContext context, FakeFault fault, string path)
    {
        var service = path.StartsWith("/v3/", StringComparison.Ordinal) ? "cloudresourcemanager.googleapis.com" : "iam.googleapis.com";
        switch (fault.Kind)
        {
            case FakeFaultKind.ResetConnection:
                context.Abort();
                return;
            case FakeFaultKind.TooManyRequests:
                if (fault.RetryAfter is { } after) context.Response.Headers.RetryAfter = ((int)after.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await WriteAsync(context, 429, GoogleErrors.QuotaExceeded(service));
                return;
            case FakeFaultKind.ServerError:
                await WriteAsync(context, 500, GoogleErrors.Internal);
                return;
            case FakeFaultKind.Unavailable:
                await WriteAsync(context, 503, GoogleErrors.ServiceUnavailable);
                return;
            case FakeFaultKind.NotFound:
                await WriteAsync(context, 404, GoogleErrors.UnknownServiceAccount);
                return;
            case FakeFaultKind.PermissionDenied:
                await WriteAsync(context, 403, path.StartsWith("/v3/", StringComparison.Ordinal) ? GoogleErrors.CallerHasNoPermission : GoogleErrors.IamPermissionDenied(Permission(path)));
                return;
            case FakeFaultKind.InvalidJson:
                await WriteAsync(context, 200, """{"bindings": [{"role": "roles/iam.workloadIdentityUser", "members": [""");
                return;
            case FakeFaultKind.WrongShape:
                await WriteAsync(context, 200, "[]");
                return;
        }
    }

    private (int Status, string Json) Route(string method, string path, IQueryCollection query, string body)
    {
        var segments = path.Trim('/').Split('/');
        // IAM v1: /v1/projects/{project}/serviceAccounts/{email}[:getIamPolicy]
        if (segments is ["v1", "projects", var project, "serviceAccounts", var last])
        {
            var getPolicy = last.EndsWith(":getIamPolicy", StringComparison.Ordinal);
            var email = getPolicy ? last[..^":getIamPolicy".Length] : last;
            var known = _gsas.TryGetValue(email, out var gsa);
            if (getPolicy)
            {
                if (method != "POST") return (404, GoogleErrors.UnknownServiceAccount);
                if (body.Length > 0) return (400, GoogleErrors.InvalidArgument("Invalid JSON payload received. The request body must be empty."));
                // Google answers 403, not 404, for the policy of a GSA that does not exist.
                return known ? (200, gsa!.PolicyJson) : (403, GoogleErrors.IamPermissionDenied("iam.serviceAccounts.getIamPolicy"));
            }

            if (method != "GET") return (404, GoogleErrors.UnknownServiceAccount);
            if (!known) return project == "-" ? (403, GoogleErrors.IamPermissionDenied("iam.serviceAccounts.get")) : (404, GoogleErrors.UnknownServiceAccount);
            return (200, ServiceAccountJson(project, email, gsa!.Disabled));
        }

        // Resource Manager v3: /v3/projects/{id}[:getIamPolicy]; it answers 403 for a project that does not exist.
        if (segments is ["v3", "projects", var target])
        {
            var getPolicy = target.EndsWith(":getIamPolicy", StringComparison.Ordinal);
            var id = getPolicy ? target[..^":getIamPolicy".Length] : target;
            if (!_projects.TryGetValue(id, out var known)) return (403, GoogleErrors.CallerHasNoPermission);
            if (!getPolicy) return method == "GET" ? (200, ProjectJson(id, known.Number)) : (404, GoogleErrors.ProjectNotFound);
            if (method != "POST") return (404, GoogleErrors.ProjectNotFound);
            return RequestedVersion(body) == 3
                ? (200, known.PolicyJson)
                : (400, GoogleErrors.InvalidArgument("WiGuard must request policy version 3"));
        }

        return (404, """{"error":{"code":404,"message":"Method not found.","status":"NOT_FOUND"}}""");
    }

    private static int? RequestedVersion(string body)
    {
        try
        {
            return JsonNode.Parse(body)?["options"]?["requestedPolicyVersion"]?.GetValue<int>();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string ServiceAccountJson(string project, string email, bool disabled)
    {
        var account = email[..email.IndexOf('@', StringComparison.Ordinal)];
        var disabledField = disabled ? ",\"disabled\":true" : "";
        return $$"""{"name":"projects/{{project}}/serviceAccounts/{{email}}","projectId":"{{project}}","uniqueId":"104857302948572039485","email":"{{email}}","displayName":"{{account}}","etag":"MDEwMjE5MjA=","oauth2ClientId":"104857302948572039485"{{disabledField}}}""";
    }

    private static string ProjectJson(string id, string number) =>
        $$"""{"name":"projects/{{number}}","parent":"organizations/998877665544","projectId":"{{id}}","state":"ACTIVE","displayName":"{{id}}","createTime":"2023-03-14T09:26:53.535Z","updateTime":"2025-01-08T11:02:17.120Z","etag":"W/\"4a1e7f0c2b\""}""";

    private static string Permission(string path) =>
        path.EndsWith(":getIamPolicy", StringComparison.Ordinal) ? "iam.serviceAccounts.getIamPolicy" : "iam.serviceAccounts.get";

    private static async Task WriteAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.WriteAsync(json, context.RequestAborted);
    }

    private sealed record FakeServiceAccount(bool Disabled, string PolicyJson);

    private sealed record FakeProject(string Number, string PolicyJson);
}

/// <summary>One request as the fake saw it (the Authorization header is kept to prove none or one was sent).</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, string Body, string Authorization);
