using System.Diagnostics;

namespace BuildGraph.Cli.Tests.Track;

/// <summary>An upstream git repository made with the git CLI, with a fixed identity and clock.</summary>
internal sealed class UpstreamRepo
{
    private int _clock;

    public UpstreamRepo(string path)
    {
        Path = path;
        Directory.CreateDirectory(path);
        Git("init", "--quiet", "--initial-branch=main");
    }

    public string Path { get; }

    /// <summary>Writes the files and commits them; returns the new commit.</summary>
    public string Commit(string subject, params (string Name, string Content)[] files)
    {
        foreach (var (name, content) in files)
        {
            var file = System.IO.Path.Combine(Path, name);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
            File.WriteAllText(file, content);
        }
        Git("add", "--all");
        Git("commit", "--quiet", "--allow-empty", "-m", subject);
        return Git("rev-parse", "HEAD").Trim();
    }

    public void Tag(string name) => Git("tag", "--annotate", "-m", "release " + name, name);

    public string Git(params string[] arguments)
    {
        _clock++;
        var start = new ProcessStartInfo("git") { WorkingDirectory = Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var date = $"@{1700000000 + _clock * 60} +0000";
        start.Environment["GIT_AUTHOR_NAME"] = start.Environment["GIT_COMMITTER_NAME"] = "Test";
        start.Environment["GIT_AUTHOR_EMAIL"] = start.Environment["GIT_COMMITTER_EMAIL"] = "test@example.org";
        start.Environment["GIT_AUTHOR_DATE"] = start.Environment["GIT_COMMITTER_DATE"] = date;
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {stderr.Result}");
        return stdout;
    }
}
