using WiGuard.Core.Facts;

namespace WiGuard.Check;

/// <summary>
/// The one place <c>wiguard check</c> and <c>wiguard bind</c> obtain IAM facts (snapshot file or live IAM)
/// from configuration. It returns null until the IAM sources are wired in here; callers then run
/// without IAM rules and say so. A returned source that is disposable is disposed by the caller.
/// </summary>
public static class IamFactsFactory
{
    public static IIamFacts? Create(IConfiguration configuration) => null;
}
