using WiGuard.Core.Facts;
using WiGuard.Core.Kubernetes;

namespace WiGuard.Audit;

/// <summary>The KSAs a complete cluster listing returned: a KSA not among them does not exist.</summary>
public sealed class ListedServiceAccounts(IEnumerable<ReviewedObject> objects) : IServiceAccountLookup
{
    private readonly Dictionary<(string, string), ServiceAccount> _byName = objects
        .Where(o => o.ServiceAccount is not null)
        .GroupBy(o => (o.Namespace, o.Name))
        .ToDictionary(g => g.Key, g => g.Last().ServiceAccount!);

    public KsaLookup Find(string @namespace, string name) =>
        _byName.TryGetValue((@namespace, name), out var sa) ? KsaLookup.Found(sa) : KsaLookup.NotFound;
}
