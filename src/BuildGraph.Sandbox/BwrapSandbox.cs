using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Sandbox;

/// <summary>
/// Runs commands under bubblewrap over a staged root: every namespace unshared (no network unless
/// asked), a clean environment, only the root visible, a fresh /dev, /proc and /tmp. The command's
/// exit code is returned as is, and death by signal n as 128+n. Thread-safe; commands over the same
/// root must not run concurrently (dev, proc and tmp mount points are created in the root and removed
/// after when missing).
/// </summary>
public sealed class BwrapSandbox : ISandbox
{
    private readonly string? _configuredBwrap;
    private readonly TimeProvider _time;
    private string? _bwrap;

    /// <param name="bwrapPath">The bwrap executable; looked up on PATH at the first run when null.</param>
    /// <param name="timeProvider">Measures <see cref="SandboxResult.Duration"/>.</param>
    public BwrapSandbox(string? bwrapPath = null, TimeProvider? timeProvider = null)
    {
        _configuredBwrap = bwrapPath;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// bwrap sets PWD to the working directory; otherwise the environment is exactly
    /// <see cref="SandboxCommand.Environment"/>. The working directory and writable directories are
    /// created in the root when missing, resolving symlinks inside the root.
    /// </remarks>
    /// <exception cref="SandboxException">
    /// <see cref="ErrorReason.SandboxUnavailable"/> when bwrap is missing or cannot set up the sandbox;
    /// <see cref="ErrorReason.CommandFailed"/> when the command or a directory it needs is not in the root.
    /// </exception>
    public async Task<SandboxResult> RunAsync(SandboxCommand command, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(log);
        command = Validate(command);
        cancellationToken.ThrowIfCancellationRequested();
        var bwrap = LocateBwrap();

        var root = command.RootDirectory;
        var workingDirectory = SandboxPaths.ResolveDirectory(root, command.WorkingDirectory, create: true);
        var writable = command.WritableDirectories
            .Select(directory => SandboxPaths.ResolveDirectory(root, directory, create: true))
            .Distinct()
            .ToList();
        var createdMountPoints = CreateMountPoints(root);
        var statusFile = Path.Combine(Path.GetTempPath(), $"bgx-bwrap-{Guid.NewGuid():N}.json");
        try
        {
            var arguments = BwrapArguments.Build(command, workingDirectory, writable, BwrapProcess.StatusFd);
            var start = _time.GetTimestamp();
            var outcome = await BwrapProcess.RunAsync(bwrap, arguments, statusFile, command.Interactive, log, cancellationToken)
                .ConfigureAwait(false);
            var status = await BwrapStatus.ReadAsync(statusFile).ConfigureAwait(false);
            if (status.ExitCode is { } exitCode)
                return new SandboxResult(exitCode, _time.GetElapsedTime(start));
            // bwrap itself killed (OOM killer, a user's kill) after the sandbox existed: the command died with it.
            if (status.ChildPid is not null && outcome.ExitCode > 128)
                return new SandboxResult(outcome.ExitCode, _time.GetElapsedTime(start));
            throw SetupFailed(outcome);
        }
        finally
        {
            TryDelete(statusFile);
            RemoveMountPoints(createdMountPoints);
        }
    }

    private static SandboxCommand Validate(SandboxCommand command)
    {
        if (!Path.IsPathRooted(command.RootDirectory))
            throw new ArgumentException($"Sandbox root '{command.RootDirectory}' is not absolute.", nameof(command));
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(command.RootDirectory));
        if (root == "/")
            throw new ArgumentException("The host's root cannot be a sandbox root.", nameof(command));
        if (!Directory.Exists(root))
            throw new ArgumentException($"Sandbox root '{root}' does not exist.", nameof(command));
        if (command.Arguments.Count == 0)
            throw new ArgumentException("A sandbox command needs at least one argument.", nameof(command));
        return command with { RootDirectory = root };
    }

    private string LocateBwrap()
    {
        if (_configuredBwrap is { } configured)
        {
            return File.Exists(configured) ? configured : throw new SandboxException(ErrorReason.SandboxUnavailable,
                $"bubblewrap (bwrap) is not at {configured}.", BwrapLocator.InstallHint);
        }
        return _bwrap ??= BwrapLocator.Find() ?? throw new SandboxException(ErrorReason.SandboxUnavailable,
            "bubblewrap (bwrap) is not on PATH; bgx needs it to build.", BwrapLocator.InstallHint);
    }

    private static SandboxException SetupFailed(BwrapProcess.Outcome outcome)
    {
        var messages = outcome.OutputTail.Where(line => line.StartsWith("bwrap: ", StringComparison.Ordinal)).ToList();
        var detail = string.Join('\n', messages.Count > 0 ? messages : outcome.OutputTail);
        if (detail.Length == 0)
            detail = $"bwrap exited with code {outcome.ExitCode} before starting the command.";
        return messages.Any(line => line.StartsWith("bwrap: execvp ", StringComparison.Ordinal))
            ? new SandboxException(ErrorReason.CommandFailed, "The command is not in the sandbox.", detail)
            : new SandboxException(ErrorReason.SandboxUnavailable, "bwrap could not set up the sandbox.", detail);
    }

    private static List<string> CreateMountPoints(string root)
    {
        var created = new List<string>();
        foreach (var name in BwrapArguments.MountPoints)
        {
            var host = Path.Combine(root, name);
            if (new FileInfo(host).LinkTarget is null && !Directory.Exists(host) && !File.Exists(host))
            {
                Directory.CreateDirectory(host);
                created.Add(host);
            }
        }
        return created;
    }

    private static void RemoveMountPoints(List<string> created)
    {
        foreach (var directory in created)
        {
            try
            {
                Directory.Delete(directory, recursive: false);
            }
            catch (IOException)
            {
                // Not empty: something was bound below it (a writable directory); leave it.
            }
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
        }
    }
}
