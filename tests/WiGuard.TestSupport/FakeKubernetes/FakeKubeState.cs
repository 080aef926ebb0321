using System.Globalization;
using System.Text.Json.Nodes;

namespace WiGuard.TestSupport.FakeKubernetes;

/// <summary>
/// The fake API server's etcd: objects per resource, one global resourceVersion counter, an
/// event history that can be compacted (so old resourceVersions answer 410 Gone), and the
/// open watches every change is pushed to — under one lock, so a watch that starts while
/// objects change sees each change exactly once.
/// </summary>
internal sealed class FakeKubeState
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> _objects = new(StringComparer.Ordinal);
    private readonly List<HistoryEvent> _history = [];
    private readonly List<Watcher> _watchers = [];
    private readonly Dictionary<string, (long ResourceVersion, List<JsonObject> Remaining)> _continuations = new(StringComparer.Ordinal);
    private long _resourceVersion = 1000;
    private long _compactedThrough;

    public long ResourceVersion
    {
        get
        {
            lock (_lock) return _resourceVersion;
        }
    }

    public string Apply(FakeResource resource, JsonObject value)
    {
        lock (_lock)
        {
            var rv = ++_resourceVersion;
            var meta = value["metadata"] as JsonObject ?? throw new ArgumentException("the object has no metadata");
            var key = Key(meta["namespace"]?.GetValue<string>(), meta["name"]!.GetValue<string>());
            var objects = Objects(resource);
            var existed = objects.ContainsKey(key);
            meta["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
            meta["uid"] ??= Guid.NewGuid().ToString();
            meta["creationTimestamp"] ??= "2026-11-22T07:00:00Z";
            value["apiVersion"] = resource.ApiVersion;
            value["kind"] = resource.Kind;
            objects[key] = value;
            Record(new HistoryEvent(rv, resource, meta["namespace"]?.GetValue<string>(), existed ? "MODIFIED" : "ADDED", value.ToJsonString()));
            return rv.ToString(CultureInfo.InvariantCulture);
        }
    }

    public string Delete(FakeResource resource, string? @namespace, string name)
    {
        lock (_lock)
        {
            if (!Objects(resource).Remove(Key(@namespace, name), out var value))
                throw new InvalidOperationException($"{resource.Plural} {@namespace}/{name} does not exist");
            var rv = ++_resourceVersion;
            value["metadata"]!["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
            Record(new HistoryEvent(rv, resource, @namespace, "DELETED", value.ToJsonString()));
            return rv.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Forgets the history and every continue token: older resourceVersions now answer 410 Gone.</summary>
    public void Compact()
    {
        lock (_lock)
        {
            _compactedThrough = _resourceVersion;
            _history.Clear();
            _continuations.Clear();
        }
    }

    public void Bookmark()
    {
        lock (_lock)
        {
            foreach (var watcher in _watchers.Where(w => w.Bookmarks))
            {
                var bookmark = new JsonObject
                {
                    ["type"] = "BOOKMARK",
                    ["object"] = new JsonObject
                    {
                        ["kind"] = watcher.Resource.Kind,
                        ["apiVersion"] = watcher.Resource.ApiVersion,
                        ["metadata"] = new JsonObject { ["resourceVersion"] = _resourceVersion.ToString(CultureInfo.InvariantCulture) },
                    },
                };
                watcher.Send(WatchCommand.Line(bookmark.ToJsonString()));
            }
        }
    }

    public void DropWatches(bool tornEvent)
    {
        lock (_lock)
        {
            foreach (var watcher in _watchers) watcher.Send(tornEvent ? WatchCommand.TornDrop : WatchCommand.Drop);
        }
    }

    public void FailWatches(string errorLine)
    {
        lock (_lock)
        {
            foreach (var watcher in _watchers) watcher.Send(WatchCommand.LastLine(errorLine));
        }
    }

    public int WatcherCount(string plural)
    {
        lock (_lock) return _watchers.Count(w => w.Resource.Plural == plural);
    }

    /// <summary>Registers a watch and returns the events it missed, or null when that resourceVersion is compacted (410).</summary>
    public List<string>? StartWatch(Watcher watcher, long fromVersion)
    {
        lock (_lock)
        {
            if (fromVersion < _compactedThrough) return null;
            var missed = _history
                .Where(e => e.ResourceVersion > fromVersion && e.Resource == watcher.Resource && Matches(watcher.Namespace, e.Namespace))
                .Select(e => e.ToLine())
                .ToList();
            _watchers.Add(watcher);
            return missed;
        }
    }

    public void StopWatch(Watcher watcher)
    {
        lock (_lock) _watchers.Remove(watcher);
    }

    /// <summary>One page of a consistent snapshot; null when the continue token is unknown or compacted (410).</summary>
    public (long ResourceVersion, List<JsonObject> Items, string? Continue, int Remaining)? List(FakeResource resource, string? @namespace, int limit, string? continueToken)
    {
        lock (_lock)
        {
            long rv;
            List<JsonObject> all;
            if (continueToken is not null)
            {
                if (!_continuations.Remove(continueToken, out var saved)) return null;
                (rv, all) = saved;
            }
            else
            {
                rv = _resourceVersion;
                all = [.. Objects(resource).Values
                    .Where(o => Matches(@namespace, o["metadata"]?["namespace"]?.GetValue<string>()))
                    .Select(o => (JsonObject)o.DeepClone())];
            }

            if (limit <= 0 || all.Count <= limit) return (rv, all, null, 0);

            var token = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
            _continuations[token] = (rv, all[limit..]);
            return (rv, all[..limit], token, all.Count - limit);
        }
    }

    public JsonObject? Get(FakeResource resource, string? @namespace, string name)
    {
        lock (_lock) return Objects(resource).TryGetValue(Key(@namespace, name), out var value) ? (JsonObject)value.DeepClone() : null;
    }

    private void Record(HistoryEvent change)
    {
        _history.Add(change);
        foreach (var watcher in _watchers.Where(w => w.Resource == change.Resource && Matches(w.Namespace, change.Namespace)))
            watcher.Send(WatchCommand.Line(change.ToLine()));
    }

    private SortedDictionary<string, JsonObject> Objects(FakeResource resource)
    {
        if (!_objects.TryGetValue(resource.Key, out var objects))
            _objects[resource.Key] = objects = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        return objects;
    }

    private static bool Matches(string? filter, string? @namespace) => filter is null || filter == @namespace;

    private static string Key(string? @namespace, string name) => $"{@namespace}/{name}";

    private sealed record HistoryEvent(long ResourceVersion, FakeResource Resource, string? Namespace, string Type, string Object)
    {
        public string ToLine() => $"{{\"type\":\"{Type}\",\"object\":{Object}}}";
    }
}
