using System.Text;

namespace BuildGraph.Cli;

/// <summary>Writes everything to the console writer and, line by line, to a log file (<c>--log-file</c>).</summary>
internal sealed class TeeWriter(TextWriter console, TextWriter log) : TextWriter
{
    private readonly object _lock = new();

    public override Encoding Encoding => console.Encoding;

    public override void Write(char value)
    {
        lock (_lock)
        {
            console.Write(value);
            log.Write(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_lock)
        {
            console.Write(value);
            log.Write(value);
        }
    }

    public override void WriteLine(string? value)
    {
        lock (_lock)
        {
            console.WriteLine(value);
            log.WriteLine(value);
        }
    }

    public override void Flush()
    {
        lock (_lock)
        {
            console.Flush();
            log.Flush();
        }
    }
}
