using System.Text.Json;
using Microsoft.Extensions.Logging;
using WiGuard.Kubernetes.Api;

namespace WiGuard.Kubernetes.Caching;

/// <summary>
/// An informer-style cache of one resource: LIST into a store, then WATCH from the list's
/// resourceVersion and apply every event. A dropped watch resumes from the last event or
/// bookmark seen (nothing replayed twice, nothing skipped); 410 Gone lists again and applies
/// only the differences. Readers never wait on the API server.
/// </summary>
/// <typeparam name="T">What is stored per object: a Core model, or the raw <see cref="JsonElement"/>.</typeparam>
public sealed class KubeCache<T> where T : class
{
    private readonly IKubeApi _api;
    private readonly KubeResource _resource;
    private readonly string? _namespace;
    private readonly Func<JsonElement, T> _project;
    private readonly KubernetesOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Backoff _backoff;
    private readonly KubeStore<T> _store = new();
    private volatile bool _synced;
    private volatile string? _problem;
    private volatile string? _resourceVersion;

    /// <param name="api">The API client.</param>
    /// <param name="resource">What to list and watch.</param>
    /// <param name="namespace">One namespace, or null for the whole cluster.</param>
    /// <param name="project">Turns an object into what is stored; may throw for an object it cannot read (it is skipped).</param>
    /// <param name="options">Page size, watch timeout and back-off.</param>
    /// <param name="time">Clock for back-off delays.</param>
    /// <param name="logger">Where sync, failure and retry lines go.</param>
    /// <param name="random">Jitter source; tests pass a seeded one.</param>
    public KubeCache(
        IKubeApi api,
        KubeResource resource,
        string? @namespace,
        Func<JsonElement, T> project,
        KubernetesOptions options,
        TimeProvider time,
        ILogger logger,
        Random? random = null)
    {
        _api = api;
        _resource = resource;
        _namespace = @namespace;
        _project = project;
        _options = options;
        _time = time;
        _logger = logger;
        _backoff = new Backoff(options.InitialBackoff, options.MaxBackoff, random ?? Random.Shared);
        _problem = $"{Name} not synced yet";
    }

    /// <summary>Applied changes, raised on the cache's own loop; handlers must be quick.</summary>
    public event Action<KubeCacheChange<T>>? Changed;

    public string Name => _resource.Plural;

    /// <summary>True once the first LIST completed; stays true (serving the last known state) while the watch is failing.</summary>
    public bool Synced => _synced;

    /// <summary>Why the cache is not synced or not current, for /readyz; null when healthy.</summary>
    public string? Problem => _problem;

    public string? ResourceVersion => _resourceVersion;

    public int Count => _store.Count;

    /// <param name="namespace">The object's namespace; null for cluster-scoped objects.</param>
    /// <param name="name">The object's name.</param>
    public T? Get(string? @namespace, string name) => _store.Get(@namespace ?? "", name);

    /// <summary>The objects in one namespace, or in all when <paramref name="namespace"/> is null.</summary>
    public IReadOnlyList<T> List(string? @namespace) => _store.List(@namespace);

    /// <summary>Lists, watches and recovers until <paramref name="cancellationToken"/> fires. Never throws otherwise.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        string? resourceVersion = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                resourceVersion ??= await RelistAsync(cancellationToken);
                using var watch = await _api.WatchAsync(_resource, _namespace, resourceVersion, _options.WatchTimeout, cancellationToken);
                _problem = null;

                // A half-open connection would otherwise wait forever: give up a little after the server's own timeout.
                using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                guard.CancelAfter(_options.WatchTimeout + TimeSpan.FromSeconds(30));
                var opened = _time.GetTimestamp();
                var events = 0;
                try
                {
                    await foreach (var change in watch.ReadEventsAsync(guard.Token))
                    {
                        resourceVersion = Apply(change) ?? resourceVersion;
                        _resourceVersion = resourceVersion;
                        failures = 0;
                        events++;
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // The guard fired: re-open the watch as if the server had closed it.
                }

                // A server (or proxy) that ends every watch at once would otherwise be re-asked in a tight loop.
                if (events == 0 && _time.GetElapsedTime(opened) < TimeSpan.FromSeconds(1))
                    await DelayAsync(++failures, $"the watch of {Name} was closed as soon as it opened", cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (KubeApiException ex) when (ex.IsGone)
            {
                Log.Relisting(_logger, Name);
                resourceVersion = null;
                if (++failures > 1) await DelayAsync(failures, ex.Message, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                await DelayAsync(++failures, ex.Message, cancellationToken);
            }
        }
    }

    private async Task DelayAsync(int failures, string problem, CancellationToken cancellationToken)
    {
        _problem = _synced ? $"{Name} watch failing, serving the last known state: {problem}" : $"{Name} not synced: {problem}";
        var delay = _backoff.Delay(failures);
        Log.Failed(_logger, Name, problem, delay);
        try
        {
            await Task.Delay(delay, _time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop condition ends the run.
        }
    }

    private async Task<string> RelistAsync(CancellationToken cancellationToken)
    {
        var list = await _api.ListAllAsync(_resource, _namespace, _options.ListPageSize, cancellationToken);
        foreach (var change in _store.Replace(list.Items.Select(Read).OfType<KubeStore<T>.Entry>()))
            Changed?.Invoke(change);

        _resourceVersion = list.ResourceVersion;
        _synced = true;
        _problem = null;
        Log.Synced(_logger, Name, list.Items.Count, list.ResourceVersion);
        return list.ResourceVersion;
    }

    /// <summary>Applies one event; returns the resourceVersion to resume from.</summary>
    private string? Apply(WatchEvent change)
    {
        var applied = change.Type switch
        {
            WatchEventType.Bookmark => null,
            WatchEventType.Error => throw change.ToException(KubeUrls.Resolve(_api.Server, _resource.CollectionPath(_namespace)).ToString()),
            WatchEventType.Deleted => KeyOf(change.Object) is var (ns, name, _) ? _store.Remove(ns, name) : null,
            _ => Read(change.Object) is { } entry ? _store.Upsert(entry) : null,
        };
        if (applied is not null) Changed?.Invoke(applied);
        return change.ResourceVersion;
    }

    private (string Namespace, string Name, string? ResourceVersion)? KeyOf(JsonElement item)
    {
        var meta = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        var name = Text(meta, "name");
        if (string.IsNullOrEmpty(name))
        {
            Log.SkippedObject(_logger, Name, "(no name)", "metadata.name is missing");
            return null;
        }

        var ns = _resource.Namespaced ? Text(meta, "namespace") ?? _namespace ?? "" : "";
        return (ns, name, Text(meta, "resourceVersion"));
    }

    private KubeStore<T>.Entry? Read(JsonElement item)
    {
        if (KeyOf(item) is not var (ns, name, resourceVersion)) return null;
        try
        {
            return new KubeStore<T>.Entry(ns, name, resourceVersion, _project(item));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.SkippedObject(_logger, Name, ns.Length == 0 ? name : $"{ns}/{name}", ex.Message);
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
