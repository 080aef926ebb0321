using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace WiGuard.TestSupport.FakeKubernetes;

public sealed partial class FakeKubernetesServer
{
    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var bearer = request.Headers.Authorization.ToString() is var header && header.StartsWith("Bearer ", StringComparison.Ordinal)
            ? header["Bearer ".Length..]
            : null;
        var clientCertificate = context.Connection.ClientCertificate;
        var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        _requests.Enqueue(new FakeKubeRequest(request.Path.Value ?? "", query, bearer, clientCertificate?.Subject));

        if (!(bearer is not null ? _tokens.ContainsKey(bearer) : clientCertificate is not null))
        {
            await StatusAsync(context, 401, "Unauthorized", "Unauthorized");
            return;
        }

        if (!HttpMethods.IsGet(request.Method))
        {
            await StatusAsync(context, 405, "MethodNotAllowed", $"the fake API server only serves GET, not {request.Method}");
            return;
        }

        var path = request.Path.Value ?? "";
        if (PathPrefix.Length > 0)
            path = path.StartsWith(PathPrefix + "/", StringComparison.Ordinal) ? path[PathPrefix.Length..] : "";
        if (Route(path) is not var (resource, ns, name))
        {
            await StatusAsync(context, 404, "NotFound", "the server could not find the requested resource");
            return;
        }

        if (_forbidden.ContainsKey(resource.Key))
        {
            var group = resource.ApiVersion.Contains('/', StringComparison.Ordinal) ? resource.ApiVersion[..resource.ApiVersion.IndexOf('/', StringComparison.Ordinal)] : "";
            var verb = name is not null ? "get" : query.GetValueOrDefault("watch") == "true" ? "watch" : "list";
            await StatusAsync(context, 403, "Forbidden",
                $"{resource.Plural} is forbidden: User \"system:serviceaccount:wiguard:wiguard\" cannot {verb} resource \"{resource.Plural}\" in API group \"{group}\" at the cluster scope");
            return;
        }

        if (name is not null)
        {
            if (_state.Get(resource, ns, name) is { } found) await JsonAsync(context, 200, found.ToJsonString());
            else await StatusAsync(context, 404, "NotFound", $"{resource.Plural} \"{name}\" not found");
        }
        else if (query.GetValueOrDefault("watch") == "true")
        {
            await WatchAsync(context, resource, ns, query);
        }
        else
        {
            await ListAsync(context, resource, ns, query);
        }
    }

    private async Task ListAsync(HttpContext context, FakeResource resource, string? ns, Dictionary<string, string> query)
    {
        var limit = int.TryParse(query.GetValueOrDefault("limit"), CultureInfo.InvariantCulture, out var l) ? l : 0;
        var continueToken = query.GetValueOrDefault("continue") is { Length: > 0 } c ? c : null;
        if (_state.List(resource, ns, limit, continueToken) is not var (rv, items, next, remaining))
        {
            await StatusAsync(context, 410, "Expired",
                "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
            return;
        }

        var metadata = new JsonObject { ["resourceVersion"] = Text(rv) };
        if (next is not null)
        {
            metadata["continue"] = next;
            metadata["remainingItemCount"] = remaining;
        }

        var array = new JsonArray();
        foreach (var item in items)
        {
            // Like the real server: list items carry neither apiVersion nor kind.
            item.Remove("apiVersion");
            item.Remove("kind");
            array.Add(item);
        }

        var list = new JsonObject
        {
            ["kind"] = $"{resource.Kind}List",
            ["apiVersion"] = resource.ApiVersion,
            ["metadata"] = metadata,
            ["items"] = array,
        };
        await JsonAsync(context, 200, list.ToJsonString());
    }

    private async Task WatchAsync(HttpContext context, FakeResource resource, string? ns, Dictionary<string, string> query)
    {
        var from = long.TryParse(query.GetValueOrDefault("resourceVersion"), CultureInfo.InvariantCulture, out var v) ? v : _state.ResourceVersion;
        var timeout = int.TryParse(query.GetValueOrDefault("timeoutSeconds"), CultureInfo.InvariantCulture, out var t) ? TimeSpan.FromSeconds(t) : TimeSpan.FromMinutes(30);
        await _watchGate.Task.WaitAsync(context.RequestAborted);
        var watcher = new Watcher(resource, ns, query.GetValueOrDefault("allowWatchBookmarks") == "true");
        var missed = _state.StartWatch(watcher, from);
        var gone = $"too old resource version: {Text(from)} ({Text(_state.ResourceVersion)})";
        if (missed is null && GoneAsHttpStatus)
        {
            await StatusAsync(context, 410, "Expired", gone);
            return;
        }

        try
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.StartAsync(context.RequestAborted);
            if (missed is null)
            {
                await LineAsync(context, $"{{\"type\":\"ERROR\",\"object\":{StatusJson(410, "Expired", gone)}}}");
                return;
            }

            foreach (var line in missed) await LineAsync(context, line);

            using var window = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            window.CancelAfter(timeout);
            await foreach (var command in watcher.Commands.ReadAllAsync(window.Token))
            {
                if (command.Torn)
                {
                    await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("{\"type\":\"MODIFIED\",\"object\":{\"kind\":\"Serv"), context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                }

                if (command.Abort)
                {
                    context.Abort();
                    return;
                }

                await LineAsync(context, command.Text!);
                if (command.End) return;
            }
        }
        catch (OperationCanceledException)
        {
            // The watch window ended (a clean end of stream) or the client went away.
        }
        finally
        {
            _state.StopWatch(watcher);
        }
    }

    private static async Task LineAsync(HttpContext context, string line)
    {
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    /// <summary>Resource, namespace and (for a GET) name from /api/v1/… or /apis/GROUP/VERSION/….</summary>
    private static (FakeResource Resource, string? Namespace, string? Name)? Route(string path)
    {
        var segments = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        string apiVersion;
        string[] rest;
        if (segments is ["api", var version, .. var r1]) (apiVersion, rest) = (version, r1);
        else if (segments is ["apis", var group, var version2, .. var r2]) (apiVersion, rest) = ($"{group}/{version2}", r2);
        else return null;

        (string Plural, string? Namespace, string? Name)? parts = rest switch
        {
            ["namespaces", var ns, var plural] => (plural, ns, null),
            ["namespaces", var ns, var plural, var name] => (plural, ns, name),
            [var plural] => (plural, null, null),
            [var plural, var name] => (plural, null, name),
            _ => null,
        };
        if (parts is not var (p, n, nm)) return null;
        var resource = FakeResource.All.FirstOrDefault(x => x.ApiVersion == apiVersion && x.Plural == p);
        return resource is null ? null : (resource, n, nm);
    }

    private static Task StatusAsync(HttpContext context, int code, string reason, string message) =>
        JsonAsync(context, code, StatusJson(code, reason, message));

    private static string StatusJson(int code, string reason, string message) => new JsonObject
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = message,
        ["reason"] = reason,
        ["code"] = code,
    }.ToJsonString();

    private static async Task JsonAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json, context.RequestAborted);
    }
}
