using Microsoft.Extensions.Options;
using WiGuard.Core.Facts;
using WiGuard.Google;

namespace WiGuard.Check;

/// <summary>
/// The one place <c>wiguard check</c> and <c>wiguard bind</c> obtain IAM facts from configuration:
/// the same <see cref="IamServiceCollectionExtensions.AddWiGuardIam"/> wiring the webhook uses (snapshot
/// file, or live IAM when a workload pool is set), or null when neither is configured.
/// </summary>
public static class IamFactsFactory
{
    /// <exception cref="IamConfigurationException">The snapshot cannot be read or the IAM settings are invalid.</exception>
    public static IIamFacts? Create(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddWiGuardIam(configuration);
        var provider = services.BuildServiceProvider();
        try
        {
            var facts = provider.GetService<IIamFacts>();
            if (facts is not null) return new OwnedIamFacts(facts, provider);
            provider.Dispose();
            return null;
        }
        catch (Exception ex) when (ex is WiGuard.Google.Snapshot.IamSnapshotException or OptionsValidationException)
        {
            provider.Dispose();
            throw new IamConfigurationException(ex.Message, ex);
        }
    }

    /// <summary>Keeps the container (HTTP clients, caches) alive as long as the facts are used.</summary>
    private sealed class OwnedIamFacts(IIamFacts inner, ServiceProvider provider) : IIamFacts, IAsyncDisposable
    {
        public Task<GsaFacts> GetServiceAccountAsync(string email, CancellationToken cancellationToken) =>
            inner.GetServiceAccountAsync(email, cancellationToken);

        public Task<ProjectFacts> GetProjectAsync(string projectId, CancellationToken cancellationToken) =>
            inner.GetProjectAsync(projectId, cancellationToken);

        public ValueTask DisposeAsync() => provider.DisposeAsync();
    }
}

/// <summary>The IAM source named in configuration cannot be used; the message says which file or key.</summary>
public sealed class IamConfigurationException : Exception
{
    public IamConfigurationException(string message) : base(message) { }
    public IamConfigurationException() { }
    public IamConfigurationException(string message, Exception innerException) : base(message, innerException) { }
}
