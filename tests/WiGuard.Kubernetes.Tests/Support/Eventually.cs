namespace WiGuard.Kubernetes.Tests.Support;

internal static class Eventually
{
    /// <summary>Polls until the condition holds; fails with <paramref name="what"/> after a generous timeout.</summary>
    public static async Task TrueAsync(Func<bool> condition, string what, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting for: {what}");
            await Task.Delay(10);
        }
    }
}
