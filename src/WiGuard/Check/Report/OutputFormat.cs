namespace WiGuard.Check.Report;

public enum OutputFormat
{
    Text,
    Json,
    Sarif,
}
