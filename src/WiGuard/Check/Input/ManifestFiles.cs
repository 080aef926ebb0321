namespace WiGuard.Check.Input;

/// <summary>One input to read: a file, or standard input for <c>-f -</c>.</summary>
/// <param name="Name">What messages call it: the path as given (with '/' separators), or <c>&lt;stdin&gt;</c>.</param>
/// <param name="Path">The file to read; null for standard input.</param>
public sealed record ManifestFile(string Name, string? Path)
{
    /// <summary>JSON is read as JSON (for exact line numbers); everything else as YAML, which also covers JSON-in-YAML.</summary>
    public bool IsJsonByName => Name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Expands <c>-f</c> arguments: files as given, folders recursively (*.yaml, *.yml, *.json, sorted), <c>-</c> for stdin.</summary>
public static class ManifestFiles
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <exception cref="ManifestInputException">A path does not exist.</exception>
    public static List<ManifestFile> Expand(IEnumerable<string> paths)
    {
        var files = new List<ManifestFile>();
        var stdinSeen = false;
        foreach (var path in paths)
        {
            if (path == "-")
            {
                // Standard input can be read once; a second "-" would silently read nothing.
                if (!stdinSeen) files.Add(new ManifestFile(SourceLocation.StdinName, null));
                stdinSeen = true;
            }
            else if (Directory.Exists(path))
            {
                files.AddRange(Directory
                    .EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false, AttributesToSkip = FileAttributes.Hidden })
                    .Where(f => Extensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
                    .Select(Display)
                    .Order(StringComparer.Ordinal)
                    .Select(f => new ManifestFile(f, f)));
            }
            else if (File.Exists(path))
            {
                files.Add(new ManifestFile(Display(path), path));
            }
            else
            {
                throw new ManifestInputException(path, null, "no such file or folder");
            }
        }

        return files;
    }

    private static string Display(string path) => path.Replace('\\', '/');
}
