using System.Threading.Channels;

namespace WiGuard.TestSupport.FakeKubernetes;

internal sealed record WatchCommand(string? Text, bool Abort, bool Torn, bool End = false)
{
    public static readonly WatchCommand Drop = new(null, true, false);
    public static readonly WatchCommand TornDrop = new(null, true, true);

    public static WatchCommand Line(string text) => new(text, false, false);

    /// <summary>Writes a last line, then ends the stream cleanly.</summary>
    public static WatchCommand LastLine(string text) => new(text, false, false, End: true);
}

/// <summary>One open WATCH connection; the state pushes lines to it, the request loop writes them out.</summary>
internal sealed class Watcher(FakeResource resource, string? @namespace, bool bookmarks)
{
    private readonly Channel<WatchCommand> _commands = Channel.CreateUnbounded<WatchCommand>();

    public FakeResource Resource => resource;

    public string? Namespace => @namespace;

    public bool Bookmarks => bookmarks;

    public ChannelReader<WatchCommand> Commands => _commands.Reader;

    public void Send(WatchCommand command) => _commands.Writer.TryWrite(command);
}
