using System.Text.Json;

namespace WiGuard.Kubernetes.Api;

/// <summary>
/// The few Kubernetes API calls WiGuard makes. Every failure is a <see cref="KubeApiException"/>
/// whose message names the status and URL.
/// </summary>
public interface IKubeApi
{
    Uri Server { get; }

    /// <summary>One page of a LIST, cluster-wide when <paramref name="namespace"/> is null.</summary>
    Task<KubeListPage> ListPageAsync(KubeResource resource, string? @namespace, int limit, string? continueToken, CancellationToken cancellationToken);

    /// <summary>Opens a WATCH from <paramref name="resourceVersion"/>, with bookmarks; the server closes it after <paramref name="timeout"/>.</summary>
    Task<KubeWatch> WatchAsync(KubeResource resource, string? @namespace, string resourceVersion, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>One object, or null when it does not exist (404).</summary>
    Task<JsonElement?> GetAsync(KubeResource resource, string? @namespace, string name, CancellationToken cancellationToken);
}

public static class KubeApiExtensions
{
    /// <summary>
    /// Every page of a LIST. A 410 on a continue token (the snapshot expired between pages)
    /// starts over once; a second one is reported.
    /// </summary>
    public static async Task<KubeListPage> ListAllAsync(this IKubeApi api, KubeResource resource, string? @namespace, int pageSize, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var items = new List<JsonElement>();
            string? next = null;
            try
            {
                while (true)
                {
                    var page = await api.ListPageAsync(resource, @namespace, pageSize, next, cancellationToken);
                    items.AddRange(page.Items);
                    if (string.IsNullOrEmpty(page.Continue)) return new KubeListPage(items, page.ResourceVersion, null);
                    next = page.Continue;
                }
            }
            catch (KubeApiException ex) when (ex.IsGone && next is not null && attempt == 0)
            {
                // The continue token expired: start over from a fresh snapshot.
            }
        }
    }
}
