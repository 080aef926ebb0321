namespace WiGuard.TestSupport;

/// <summary>Finds files of the repository (examples/, testdata) from a test's output folder.</summary>
public static class RepoFiles
{
    public static string Path(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "WiGuard.sln")))
                return System.IO.Path.Combine(dir.FullName, relative);
        }

        throw new FileNotFoundException($"no WiGuard.sln above {AppContext.BaseDirectory}");
    }
}
