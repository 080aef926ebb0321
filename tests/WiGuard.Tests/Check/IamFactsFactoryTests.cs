using Microsoft.Extensions.Configuration;
using WiGuard.Check;
using WiGuard.Core.Facts;

namespace WiGuard.Tests.Check;

public sealed class IamFactsFactoryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wiguard-iam-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Create_WithSnapshotPath_AnswersFromTheSnapshot()
    {
        var iam = IamFactsFactory.Create(Configuration(("WiGuard:Iam:SnapshotPath", RepoFile("examples/iam-snapshot.json"))));

        Assert.NotNull(iam);
        var present = await iam.GetServiceAccountAsync("app-gsa@acme-prod.iam.gserviceaccount.com", CancellationToken.None);
        var absent = await iam.GetServiceAccountAsync("ghost-gsa@acme-prod.iam.gserviceaccount.com", CancellationToken.None);
        Assert.Equal(LookupOutcome.Found, present.Outcome);
        Assert.Equal(LookupOutcome.NotFound, absent.Outcome);
        await ((IAsyncDisposable)iam).DisposeAsync();
    }

    [Fact]
    public void Create_WithoutSnapshotOrPool_ReturnsNoSource()
    {
        Assert.Null(IamFactsFactory.Create(Configuration()));
    }

    [Fact]
    public void Create_BrokenSnapshot_ThrowsNamingTheFile()
    {
        var path = Path.Combine(_dir, "iam.json");
        File.WriteAllText(path, """{ "serviceAccounts": { "a@b.iam.gserviceaccount.com": { "iamPolicy": { "bindings": [ """);

        var error = Assert.Throws<IamConfigurationException>(() => IamFactsFactory.Create(Configuration(("WiGuard:Iam:SnapshotPath", path))));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static string RepoFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WiGuard.sln"))) dir = dir.Parent;
        return Path.Combine(dir!.FullName, relative);
    }
}
