using WiGuard.Kubernetes.Caching;

namespace WiGuard.Kubernetes.Tests.Caching;

public sealed class BackoffTests
{
    [Theory]
    [InlineData(1, 500, 1000)]
    [InlineData(2, 1000, 2000)]
    [InlineData(3, 2000, 4000)]
    [InlineData(6, 15000, 30000)]
    [InlineData(50, 15000, 30000)]
    public void Delay_DoublesWithJitterUpToTheMaximum(int failures, int minMs, int maxMs)
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), new Random(42));

        for (var i = 0; i < 100; i++)
        {
            var delay = backoff.Delay(failures).TotalMilliseconds;
            Assert.InRange(delay, minMs, maxMs);
        }
    }

    [Fact]
    public void Delay_TwoReplicas_DoNotRetryInStep()
    {
        var first = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), new Random(1));
        var second = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), new Random(2));

        Assert.NotEqual(first.Delay(3), second.Delay(3));
    }
}
