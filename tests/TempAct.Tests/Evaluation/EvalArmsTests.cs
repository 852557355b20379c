using TempAct.Evaluation.Eval;
using TempAct.Judges.Aesthetic;
using TempAct.Models.Executor;
using TempAct.Models.Planner;
using TempAct.Tests.Judges;
using TempAct.World.Benchmarks;
using TempAct.World.Plans;

namespace TempAct.Tests.Evaluation;

/// <summary>The arms at eval time on a hand-built plan: the runner executes it as the trainer would (uniform spans for
/// uniform-spans, "s_m ; s_{m+1}" prompts for look-ahead, the planner's own plan otherwise), measures each video against
/// the plan it followed, and fixes the switch of a "-recache" mode; a plan with the wrong step count falls back.</summary>
[Collection(TorchCollection.Name)]
public sealed class EvalArmsTests
{
    /// <summary>Answers every request with the same hand-built plan (its steps the instruction's events in canonical
    /// words, spans 2, 7 and 3 of 12 chunks); records the seeds it was asked with.</summary>
    private sealed class HandPlanner(int steps) : IPlanner
    {
        public List<long> Seeds { get; } = [];

        public IReadOnlyList<PlanSample> Sample(string instruction, int? stepCount, int totalChunks, int count, long seed)
        {
            Seeds.Add(seed);
            var events = TempAct.World.Language.InstructionParser.Parse(instruction).Events;
            int[] ends = steps == 3 ? [2, 9, totalChunks] : [5, totalChunks];
            var plan = new StepPlan(Enumerable.Range(0, steps).Select(m => new PlanStep(m, StepPrompt.Canonical(events[m]),
                new ChunkSpan(m == 0 ? 0 : ends[m - 1], ends[m]))).ToList(), totalChunks);
            string answer = PlanParser.ToJson(plan);
            return Enumerable.Range(0, count).Select(_ => new PlanSample([], [], [], answer, PlanParser.Parse(answer, totalChunks, stepCount, instruction))).ToList();
        }
    }

    [Fact]
    public void Arms_ExecuteTheHandBuiltPlanAsTrained()
    {
        string root = JudgePaths.RepoRoot();
        var item = BenchmarkSet.Load(Path.Combine(root, "data", "benchmarks", "simple.jsonl"))[0];
        Assert.Equal(3, item.Instruction.Events.Count);
        Assert.Equal(36, item.Frames); // 12 chunks
        using var executor = ExecutorCheckpoint.Load(Path.Combine(root, "models", "executor-ll"));
        executor.eval();
        using var aesthetic = AestheticScorer.Load(JudgePaths.ShippedAesthetic);
        var planner = new HandPlanner(3);
        var networks = new TrainedNetworks(planner, executor); // the manifest's LookAhead false: the look-ahead arm still looks ahead
        var models = new EvalModels(executor, aesthetic, new HandPlanner(2), new Dictionary<string, TrainedNetworks>
        {
            ["tempact"] = networks, ["uniform-spans"] = networks, ["look-ahead"] = networks,
        });
        var options = new EvalOptions { Modes = EvalMode.ParseList("step,tempact,uniform-spans,look-ahead-recache"), Seeds = 1, Switch = SwitchMode.None };
        var videos = new List<EvalVideo>();
        var report = EvalRunner.Run(new EvalSet("one", [item], []), models, options, onVideo: videos.Add);

        var step = Assert.Single(videos, v => v.Mode.Name == "step");
        Assert.True(step.Fallback); // two steps for three events
        Assert.Null(step.Plan);
        Assert.All(step.Prompts, p => Assert.Equal(item.Instruction.Text, p));
        Assert.Equal(1, report.Modes[0].PlanFallbacks);

        string[] canonical = item.Instruction.Events.Select(StepPrompt.Canonical).ToArray();
        var tempact = Assert.Single(videos, v => v.Mode.Name == "tempact");
        Assert.Equal([(0, 2), (2, 9), (9, 12)], tempact.Plan!.Steps.Select(s => (s.Chunks.First, s.Chunks.End)));
        Assert.Equal(VideoGenerator.ChunkPrompts(tempact.Plan, false), tempact.Prompts);
        Assert.Equal([6, 27], tempact.Switches);
        Assert.Equal([(0, 6), (6, 27), (27, 36)], tempact.Expected.Select(e => (e.Span.Start, e.Span.End)));

        var uniform = Assert.Single(videos, v => v.Mode.Name == "uniform-spans");
        Assert.Equal(canonical, uniform.Plan!.Steps.Select(s => s.Prompt));
        Assert.Equal([(0, 4), (4, 8), (8, 12)], uniform.Plan.Steps.Select(s => (s.Chunks.First, s.Chunks.End)));
        Assert.Equal([12, 24], uniform.Switches);
        Assert.Equal([(0, 12), (12, 24), (24, 36)], uniform.Expected.Select(e => (e.Span.Start, e.Span.End)));
        Assert.All(uniform.Prompts.Take(4), p => Assert.Equal(canonical[0], p));

        var ahead = Assert.Single(videos, v => v.Mode.Name == "look-ahead-recache");
        Assert.Equal([(0, 2), (2, 9), (9, 12)], ahead.Plan!.Steps.Select(s => (s.Chunks.First, s.Chunks.End)));
        Assert.All(ahead.Prompts.Take(2), p => Assert.Equal($"{canonical[0]} ; {canonical[1]}", p));
        Assert.All(ahead.Prompts.Skip(2).Take(7), p => Assert.Equal($"{canonical[1]} ; {canonical[2]}", p));
        Assert.All(ahead.Prompts.Skip(9), p => Assert.Equal(canonical[2], p));

        var byName = report.Modes.ToDictionary(m => m.Mode.Name);
        Assert.Equal(SwitchMode.None, byName["tempact"].Switch);
        Assert.Equal(SwitchMode.Recache, byName["look-ahead-recache"].Switch);
        Assert.True(byName["look-ahead-recache"].LookAhead);
        Assert.False(byName["uniform-spans"].LookAhead);
        // One batched planning call a planning mode, every instruction from the same seed in every mode.
        Assert.Equal(3, planner.Seeds.Count);
        Assert.Single(planner.Seeds.Distinct());
        Assert.Equal(EvalRunner.PhaseNames, report.Phases.Select(p => p.Phase));
    }
}
