using Microsoft.Extensions.Configuration;
using WiGuard.Check;

namespace WiGuard.Tests.Check;

public sealed class IamFactsFactoryTests
{
    /// <summary>
    /// Until the IAM sources are wired into <see cref="IamFactsFactory"/>, a snapshot path yields no IAM facts
    /// (and check says "IAM rules not checked"). Wiring them in must turn this into a non-null source.
    /// </summary>
    [Fact]
    public void Create_WithSnapshotPath_ReturnsNoSourceUntilIamIsWiredIn()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["WiGuard:Iam:SnapshotPath"] = "examples/iam-snapshot.json" })
            .Build();

        Assert.Null(IamFactsFactory.Create(configuration));
    }
}
