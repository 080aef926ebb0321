using System.Text.Json;

namespace WiGuard.Kubernetes.Api;

/// <summary>One LIST reply (or all pages of one, merged).</summary>
/// <param name="Items">Objects, each with apiVersion and kind filled in (the API server leaves them out of list items).</param>
/// <param name="ResourceVersion">The list's resourceVersion: where a WATCH continues from.</param>
/// <param name="Continue">The token for the next page; null on the last page.</param>
public sealed record KubeListPage(IReadOnlyList<JsonElement> Items, string ResourceVersion, string? Continue);
