namespace PosConnector.ConformanceKit;

/// <summary>
/// Tells the person running the kit what it is doing: one line per check, and while it waits (a callback, a terminal,
/// a person) a line that counts the seconds. On a terminal the waiting line rewrites itself; in a log it appears every 10 s.
/// </summary>
public sealed class Progress(TextWriter writer, bool interactive, TimeProvider time)
{
    private DateTimeOffset _lastLine = DateTimeOffset.MinValue;

    public static Progress Silent { get; } = new(TextWriter.Null, false, TimeProvider.System);

    public void Check(int index, int count, string name)
    {
        EndWaitingLine();
        writer.WriteLine($"[{index}/{count}] {name}");
    }

    public void Say(string message)
    {
        EndWaitingLine();
        writer.WriteLine("      " + message);
    }

    public void Waiting(string what, TimeSpan elapsed, TimeSpan limit)
    {
        var line = $"      waiting for {what}: {elapsed.TotalSeconds:0} s of {limit.TotalSeconds:0} s";
        if (interactive)
        {
            writer.Write("\r" + line.PadRight(78));
            _lastLine = time.GetUtcNow();
        }
        else if (time.GetUtcNow() - _lastLine >= TimeSpan.FromSeconds(10))
        {
            writer.WriteLine(line);
            _lastLine = time.GetUtcNow();
        }
    }

    private void EndWaitingLine()
    {
        if (interactive && _lastLine != DateTimeOffset.MinValue)
        {
            writer.WriteLine();
        }

        _lastLine = DateTimeOffset.MinValue;
    }
}
