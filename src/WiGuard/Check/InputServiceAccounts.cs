using WiGuard.Check.Input;
using WiGuard.Core.Facts;
using WiGuard.Core.Kubernetes;

namespace WiGuard.Check;

/// <summary>
/// The KSAs defined in the same input, so a Deployment is judged against the ServiceAccount shipped
/// beside it. A KSA the input does not define may exist in the cluster: it is Unknown, not NotFound.
/// </summary>
public sealed class InputServiceAccounts : IServiceAccountLookup
{
    private readonly Dictionary<(string Namespace, string Name), ServiceAccount> _byName = [];

    public InputServiceAccounts(IEnumerable<LoadedObject> objects)
    {
        foreach (var loaded in objects)
        {
            // When a KSA is written twice the later one wins, as with kubectl apply of the same input.
            if (loaded.Subject.ServiceAccount is { } sa)
                _byName[(loaded.Subject.Namespace, loaded.Subject.Name)] = sa;
        }
    }

    public int Count => _byName.Count;

    public KsaLookup Find(string @namespace, string name) =>
        _byName.TryGetValue((@namespace, name), out var sa) ? KsaLookup.Found(sa) : KsaLookup.Unknown;
}
