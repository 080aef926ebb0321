namespace WiGuard.Check.Input;

/// <summary>Input that cannot be read as manifests; the message names the file and, when known, the line.</summary>
public sealed class ManifestInputException : Exception
{
    public ManifestInputException(string file, int? line, string problem)
        : base(line is null ? $"{file}: {problem}" : $"{file}:{line}: {problem}")
    {
        File = file;
        Line = line;
        Problem = problem;
    }

    public ManifestInputException() { }

    public ManifestInputException(string message) : base(message) { }

    public ManifestInputException(string message, Exception innerException) : base(message, innerException) { }

    public string File { get; } = "";

    public int? Line { get; }

    public string Problem { get; } = "";
}
