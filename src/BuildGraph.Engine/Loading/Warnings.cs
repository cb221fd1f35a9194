using BuildGraph.Yaml;

namespace BuildGraph.Engine.Loading;

/// <summary>Collects warnings; a warning the project lists in fatal-warnings becomes an error.</summary>
public sealed class Warnings
{
    private readonly List<string> _messages = new();
    private readonly object _lock = new();

    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_lock)
                return _messages.ToList();
        }
    }

    public void Report(Project project, string token, Provenance at, string message)
    {
        if (project.IsFatal(token))
            throw new LoadException(ErrorReason.InvalidData, at, $"{message} [{token}]",
                $"The project lists '{token}' in fatal-warnings.");
        lock (_lock)
            _messages.Add($"{at}: warning: {message} [{token}]");
    }

    /// <summary>A warning no project can make fatal (BuildStream's plain warnings, without a token).</summary>
    public void Report(Provenance at, string message)
    {
        lock (_lock)
            _messages.Add($"{at}: warning: {message}");
    }
}
