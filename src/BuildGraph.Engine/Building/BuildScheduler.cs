using BuildGraph.Engine.Graph;

namespace BuildGraph.Engine.Building;

/// <summary>
/// Builds elements in dependency order with at most <c>builders</c> at once. An element starts when
/// everything its build stages (the runtime closures of its build dependencies) is available; a
/// failure skips what depends on it, and then either stops new work (<c>quit</c>) or lets
/// independent work go on (<c>continue</c>).
/// </summary>
public sealed class BuildScheduler(int builders, bool continueOnError, Action<BuildMessage> report, TimeProvider time)
{
    /// <summary>The outcome per element of one scheduling run.</summary>
    public sealed record Summary(IReadOnlyList<Element> Built, IReadOnlyList<Element> Failed, IReadOnlyList<Element> Skipped);

    /// <param name="plan">Elements to build, dependencies first; anything they need that is not in the plan is already cached.</param>
    /// <param name="build">Builds one element; throws on failure.</param>
    public async Task<Summary> RunAsync(IReadOnlyList<Element> plan, Func<Element, CancellationToken, Task> build, CancellationToken cancellationToken)
    {
        var pending = new List<Element>(plan);
        var inPlan = plan.ToHashSet();
        var done = new HashSet<Element>();
        var failed = new List<Element>();
        var skipped = new List<Element>();
        var built = new List<Element>();
        var running = new Dictionary<Task, Element>();
        var blocked = new HashSet<Element>();
        var stopping = false;

        bool Available(Element e) => !inPlan.Contains(e) || done.Contains(e);
        bool ClosureAvailable(Element e) => Available(e) && e.RuntimeDependencies.All(ClosureAvailable);
        bool Ready(Element e) => e.BuildDependencies.All(ClosureAvailable);
        bool Blocked(Element e) => e.Dependencies.Any(d => blocked.Contains(d.Element));

        while (pending.Count > 0 || running.Count > 0)
        {
            if (!stopping)
            {
                foreach (var element in pending.ToList())
                {
                    if (running.Count >= builders)
                        break;
                    if (Blocked(element))
                    {
                        pending.Remove(element);
                        blocked.Add(element);
                        skipped.Add(element);
                        report(new BuildMessage(BuildEvent.Skipped, element, "a dependency failed", TimeSpan.Zero));
                        continue;
                    }
                    if (!Ready(element))
                        continue;
                    pending.Remove(element);
                    var started = time.GetTimestamp();
                    report(new BuildMessage(BuildEvent.Started, element, "", TimeSpan.Zero));
                    running[RunOne(element, build, started, cancellationToken)] = element;
                }
            }
            if (running.Count == 0)
            {
                // Nothing runs and nothing could start: the rest waits on failed elements.
                foreach (var element in pending)
                {
                    skipped.Add(element);
                    report(new BuildMessage(BuildEvent.Skipped, element, stopping ? "stopped after an error" : "a dependency failed", TimeSpan.Zero));
                }
                break;
            }
            var finished = await Task.WhenAny(running.Keys).ConfigureAwait(false);
            var finishedElement = running[finished];
            running.Remove(finished);
            if (finished.IsCanceled || (finished.IsFaulted && finished.Exception!.InnerException is OperationCanceledException))
            {
                await Task.WhenAll(running.Keys.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
                throw new OperationCanceledException(cancellationToken);
            }
            if (finished.IsFaulted)
            {
                failed.Add(finishedElement);
                blocked.Add(finishedElement);
                if (!continueOnError)
                    stopping = true;
            }
            else
            {
                done.Add(finishedElement);
                built.Add(finishedElement);
            }
        }
        return new Summary(built, failed, skipped);
    }

    private async Task RunOne(Element element, Func<Element, CancellationToken, Task> build, long started, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await build(element, cancellationToken).ConfigureAwait(false);
            report(new BuildMessage(BuildEvent.Succeeded, element, "", time.GetElapsedTime(started)));
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            var logFile = (e as ElementBuildException)?.LogFile;
            report(new BuildMessage(BuildEvent.Failed, element, e is Yaml.BgxException bgx ? bgx.Render() : e.ToString(),
                time.GetElapsedTime(started), logFile));
            throw;
        }
    }
}
