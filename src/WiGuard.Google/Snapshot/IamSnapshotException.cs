namespace WiGuard.Google.Snapshot;

/// <summary>The IAM snapshot file cannot be used; the message names the file and where in it the problem is.</summary>
public sealed class IamSnapshotException : Exception
{
    public IamSnapshotException() { }
    public IamSnapshotException(string message) : base(message) { }
    public IamSnapshotException(string message, Exception innerException) : base(message, innerException) { }
}
