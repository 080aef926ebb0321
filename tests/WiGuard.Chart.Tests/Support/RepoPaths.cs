namespace WiGuard.Chart.Tests.Support;

/// <summary>Locations in the repository, found by walking up from the test binaries to WiGuard.sln.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Chart => Path.Combine(Root, "charts", "wiguard");

    public static string Deploy => Path.Combine(Root, "deploy");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WiGuard.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException($"WiGuard.sln not found above {AppContext.BaseDirectory}.");
    }
}
