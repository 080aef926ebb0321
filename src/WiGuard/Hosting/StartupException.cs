namespace WiGuard.Hosting;

/// <summary>A problem that stops the server from starting, with a message meant for the operator.</summary>
public sealed class StartupException : Exception
{
    public StartupException(string message) : base(message) { }
    public StartupException() { }
    public StartupException(string message, Exception innerException) : base(message, innerException) { }
}
