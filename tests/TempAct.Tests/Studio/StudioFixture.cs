using System.Text.Json.Nodes;
using TempAct.Models.Executor;
using TempAct.Models.Planner;
using TempAct.Studio;
using TempAct.Tests.Cli;
using TempAct.World.Plans;

namespace TempAct.Tests.Studio;

/// <summary>The shipped default networks (models/executor-ll, models/planner-base), loaded once for the studio tests.</summary>
public sealed class StudioFixture : IDisposable
{
    /// <summary>Loads them.</summary>
    public StudioFixture()
    {
        string root = CliRunner.RepoRoot();
        Executor = ExecutorCheckpoint.Load(Path.Combine(root, "models", "executor-ll"));
        Executor.eval();
        var (lm, tokenizer) = PlannerCheckpoint.Load(Path.Combine(root, "models", "planner-base"));
        Planner = new LocalPlanner(lm, tokenizer, new SamplingOptions());
        Models = new StudioModels(Executor, Planner, ExecutorName: "executor-ll", PlannerName: "planner-base");
    }

    /// <summary>The LL-like base.</summary>
    public ExecutorTransformer Executor { get; }

    /// <summary>The cold-start planner.</summary>
    public LocalPlanner Planner { get; }

    /// <summary>Both, as the studio takes them.</summary>
    public StudioModels Models { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Executor.Dispose();
        Planner.Model.Dispose();
    }

    /// <summary>Steps of a plan: (prompt, first, end).</summary>
    /// <summary>Runs the engine's posted work on this thread until <paramref name="task"/> completes (the tests step the
    /// engine by hand), then its result.</summary>
    public static T Pump<T>(StudioEngine engine, Task<T> task)
    {
        Pump(engine, (Task)task);
        return task.GetAwaiter().GetResult();
    }

    /// <summary>As <see cref="Pump{T}(StudioEngine, Task{T})"/> for a task without a result.</summary>
    public static void Pump(StudioEngine engine, Task task)
    {
        while (!task.IsCompleted) { engine.RunPosted(); Thread.Sleep(1); }
        task.GetAwaiter().GetResult();
    }

    public static IReadOnlyList<PlanStep> Steps(params (string Prompt, int First, int End)[] steps) =>
        steps.Select((s, i) => new PlanStep(i, s.Prompt, new ChunkSpan(s.First, s.End))).ToList();
}

/// <summary>Messages a run sent, in order (thread-safe).</summary>
public sealed class MessageLog
{
    private readonly List<JsonObject> messages = [];

    /// <summary>Records one.</summary>
    public void Add(JsonObject m) { lock (messages) messages.Add(m); }

    /// <summary>Those of one type.</summary>
    public List<JsonObject> OfType(string type) { lock (messages) return messages.Where(m => (string?)m["type"] == type).ToList(); }
}
