using WiGuard.Core.Facts;
using WiGuard.Core.Kubernetes;

namespace WiGuard.Core.Tests.Support;

/// <summary>A KSA source holding a fixed set of KSAs; anything else is <see cref="Missing"/>.</summary>
internal sealed class FakeServiceAccounts : IServiceAccountLookup
{
    private readonly Dictionary<(string, string), ServiceAccount> _known = [];

    /// <summary>NotFound for a complete source (a synced cache), Unknown for none.</summary>
    public KsaLookup Missing { get; init; } = KsaLookup.NotFound;

    public FakeServiceAccounts With(ReviewedObject serviceAccount)
    {
        _known[(serviceAccount.Namespace, serviceAccount.Name)] = serviceAccount.ServiceAccount!;
        return this;
    }

    public KsaLookup Find(string @namespace, string name) =>
        _known.TryGetValue((@namespace, name), out var sa) ? KsaLookup.Found(sa) : Missing;
}
