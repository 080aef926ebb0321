using WiGuard.Kubernetes.Connection;
using WiGuard.Kubernetes.Tests.Support;

namespace WiGuard.Kubernetes.Tests.Connection;

public sealed class FileTokenSourceTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "wiguard-token-" + Guid.NewGuid().ToString("N"));
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task GetTokenAsync_FileRotatedWithinAMinute_KeepsCachedToken()
    {
        var source = CreateSut("first\n");
        await source.GetTokenAsync(CancellationToken.None);

        File.WriteAllText(_path, "second");
        _time.Advance(TimeSpan.FromSeconds(59));

        Assert.Equal("first", await source.GetTokenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task GetTokenAsync_AMinuteLater_RereadsRotatedToken()
    {
        var source = CreateSut("first");
        await source.GetTokenAsync(CancellationToken.None);

        File.WriteAllText(_path, "second");
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal("second", await source.GetTokenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task GetTokenAsync_AfterInvalidate_RereadsAtOnce()
    {
        var source = CreateSut("first");
        await source.GetTokenAsync(CancellationToken.None);
        File.WriteAllText(_path, "second");

        Assert.True(source.Invalidate());

        Assert.Equal("second", await source.GetTokenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task GetTokenAsync_EmptyFile_SaysSo()
    {
        var source = CreateSut("  \n");

        var error = await Assert.ThrowsAsync<KubernetesConfigException>(() => source.GetTokenAsync(CancellationToken.None).AsTask());

        Assert.Equal($"the token file {_path} is empty", error.Message);
    }

    [Fact]
    public async Task GetTokenAsync_FileGone_NamesTheFile()
    {
        var source = new FileTokenSource(_path, _time);

        var error = await Assert.ThrowsAsync<KubernetesConfigException>(() => source.GetTokenAsync(CancellationToken.None).AsTask());

        Assert.StartsWith($"cannot read the token file {_path}: ", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_path);

    private FileTokenSource CreateSut(string content)
    {
        File.WriteAllText(_path, content);
        return new FileTokenSource(_path, _time);
    }
}
