using System.Collections.Concurrent;
using System.Diagnostics;

namespace BuildGraph.Sandbox;

/// <summary>
/// Starts processes from one dedicated thread that lives as long as bgx. bwrap --die-with-parent sets
/// PR_SET_PDEATHSIG on itself, and Linux sends that signal when the parent *thread* exits: a process
/// started from a thread-pool thread would be killed when the pool retires that thread mid-build.
/// </summary>
internal static class ProcessSpawner
{
    private static readonly BlockingCollection<(ProcessStartInfo Info, TaskCompletionSource<Process> Started)> Queue = new();
    private static readonly Lazy<Thread> Spawner = new(StartThread);

    /// <summary>Starts <paramref name="info"/> from the spawner thread; faults as <see cref="Process.Start()"/> throws.</summary>
    public static Task<Process> StartAsync(ProcessStartInfo info)
    {
        _ = Spawner.Value;
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        Queue.Add((info, started));
        return started.Task;
    }

    private static Thread StartThread()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "bgx sandbox spawner" };
        thread.Start();
        return thread;
    }

    private static void Run()
    {
        foreach (var (info, started) in Queue.GetConsumingEnumerable())
        {
            var process = new Process { StartInfo = info };
            try
            {
                process.Start();
                started.SetResult(process);
            }
            catch (Exception e)
            {
                process.Dispose();
                started.SetException(e);
            }
        }
    }
}
