namespace BuildGraph.Cli.Tests.Build;

/// <summary>A snapshot of the host's processes from /proc: parent, state and command line of each.</summary>
internal sealed class ProcessTable
{
    private ProcessTable(Dictionary<int, Entry> entries) => Entries = entries;

    public sealed record Entry(int Pid, int ParentPid, char State, string CommandLine)
    {
        /// <summary>Still running (a zombie only waits for its parent to reap it).</summary>
        public bool IsLive => State is not ('Z' or 'X');
    }

    public IReadOnlyDictionary<int, Entry> Entries { get; }

    public static ProcessTable Read()
    {
        var entries = new Dictionary<int, Entry>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
                continue;
            try
            {
                // "pid (comm) S ppid ...": comm may hold spaces and parentheses, so parse after the last ')'.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ').Trim();
                entries[pid] = new Entry(pid, int.Parse(fields[1]), fields[0][0], commandLine);
            }
            catch (IOException)
            {
                // Exited while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return new ProcessTable(entries);
    }

    /// <summary>Every process below <paramref name="pid"/> (not itself).</summary>
    public List<Entry> Descendants(int pid)
    {
        var result = new List<Entry>();
        var parents = new HashSet<int> { pid };
        bool added;
        do
        {
            added = false;
            foreach (var entry in Entries.Values)
            {
                if (parents.Contains(entry.ParentPid) && parents.Add(entry.Pid))
                {
                    result.Add(entry);
                    added = true;
                }
            }
        }
        while (added);
        return result;
    }
}
