using WiGuard.Core.Kubernetes;

namespace WiGuard.Core.Facts;

/// <summary>Finds a Namespace (for its <c>wiguard.io/mode</c> label) from a cache; null when unknown.</summary>
public interface INamespaceLookup
{
    Namespace? Find(string name);
}

public sealed class NoNamespaceLookup : INamespaceLookup
{
    public static readonly NoNamespaceLookup Instance = new();

    public Namespace? Find(string name) => null;
}
