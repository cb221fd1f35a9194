using System.Diagnostics;

namespace BuildGraph.Testing;

/// <summary>A work repository made with the git CLI, with a fixed identity and clock so commits are reproducible.</summary>
public sealed class GitRepo
{
    private int _clock;

    public GitRepo(string path)
    {
        Path = path;
        System.IO.Directory.CreateDirectory(path);
        Git("init", "--quiet", "--initial-branch=main");
    }

    public string Path { get; }

    public string Url => new Uri(Path).AbsoluteUri;

    public string Write(string name, string content)
    {
        var file = System.IO.Path.Combine(Path, name);
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
        return file;
    }

    /// <summary>Writes the files and commits them; returns the new commit.</summary>
    public string Commit(string subject, params (string Name, string Content)[] files)
    {
        foreach (var (name, content) in files)
            Write(name, content);
        Git("add", "--all");
        Git("commit", "--quiet", "--allow-empty", "-m", subject);
        return Head();
    }

    public string Head() => Git("rev-parse", "HEAD").Trim();

    public void Tag(string name, bool annotated, string? commit = null)
    {
        if (annotated)
            Git("tag", "--annotate", "-m", "release " + name, name, commit ?? "HEAD");
        else
            Git("tag", name, commit ?? "HEAD");
    }

    /// <summary>Runs git in the repository with the fixed identity and the next tick of the fixed clock.</summary>
    public string Git(params string[] arguments)
    {
        _clock++;
        var date = $"@{1700000000 + _clock * 60} +0000";
        return Run(Path, arguments, start =>
        {
            start.Environment["GIT_AUTHOR_NAME"] = start.Environment["GIT_COMMITTER_NAME"] = "Test";
            start.Environment["GIT_AUTHOR_EMAIL"] = start.Environment["GIT_COMMITTER_EMAIL"] = "test@example.org";
            start.Environment["GIT_AUTHOR_DATE"] = start.Environment["GIT_COMMITTER_DATE"] = date;
            start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        });
    }

    /// <summary>Runs git in another directory (a staged checkout) and returns its output.</summary>
    public static string In(string directory, params string[] arguments) => Run(directory, arguments, _ => { }).Trim();

    private static string Run(string directory, string[] arguments, Action<ProcessStartInfo> configure)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        configure(start);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {stderr.Result}");
        return stdout;
    }
}
