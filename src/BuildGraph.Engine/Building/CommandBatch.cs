using System.Text;

namespace BuildGraph.Engine.Building;

/// <summary>
/// Runs an element's commands in one sandbox: a small driver script starts each command as its own
/// <c>sh -c -e</c> process, in order, and stops at the first failure, as BuildStream does with one
/// sandbox per command. One sandbox instead of one per command saves the namespace setup each time.
/// The driver reports the failing command on a marker line that <see cref="MarkerFilter"/> removes
/// from the log.
/// </summary>
internal static class CommandBatch
{
    private const char Marker = '\u001e';

    // Arguments: N, then N labels, then N commands. Its variables are not exported, so the
    // commands see exactly the element's environment.
    private const string Driver = """
        n=$1; shift; i=0
        while [ "$i" -lt "$n" ]; do
          i=$((i+1))
          eval "label=\${$i}"
          eval "c=\${$((n+i))}"
          printf '# Running %s\n' "$label"
          sh -c -e "$c
        " || { s=$?; printf '\036bgx-failed %s %s\n' "$i" "$s"; exit $s; }
        done
        """;

    /// <summary>The sandbox argv that runs <paramref name="commands"/> in order.</summary>
    public static string[] Prepare(IReadOnlyList<(string Label, string Command)> commands)
    {
        var arguments = new List<string> { "sh", "-c", Driver, "bgx-driver", commands.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        arguments.AddRange(commands.Select(c => c.Label));
        arguments.AddRange(commands.Select(c => c.Command));
        return arguments.ToArray();
    }

    /// <summary>A log writer that passes lines through, except the driver's marker, which it records.</summary>
    public sealed class MarkerFilter(TextWriter inner) : TextWriter
    {
        private readonly StringBuilder _line = new();

        /// <summary>1-based index of the command that failed, or 0.</summary>
        public int FailedCommand { get; private set; }

        public override Encoding Encoding => inner.Encoding;

        public override void Write(char value)
        {
            if (value == '\n')
            {
                var line = _line.ToString();
                _line.Clear();
                if (line.Length > 0 && line[0] == Marker)
                {
                    var parts = line.Split(' ');
                    if (parts.Length >= 2 && int.TryParse(parts[1], out var index))
                        FailedCommand = index;
                    return;
                }
                inner.WriteLine(line);
                return;
            }
            _line.Append(value);
        }

        public override void Write(string? value)
        {
            if (value is null)
                return;
            foreach (var c in value)
                Write(c);
        }

        public override void WriteLine(string? value)
        {
            Write(value);
            Write('\n');
        }

        public override void Flush()
        {
            if (_line.Length > 0)
                Write('\n');
            inner.Flush();
        }
    }
}
