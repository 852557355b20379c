using System.Diagnostics;
using System.Text.Json;
using TempAct.Models.Checkpoints;
using TempAct.Models.Training;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace TempAct.Judges.Aesthetic;

/// <summary>
/// Trains the aesthetic scorer to rank clean renders above degraded copies of themselves (pairwise logistic ranking loss,
/// RankNet-style, plus a small anchor; see <see cref="AestheticTrainingConfig.AnchorWeight"/>). Checkpoints the resumable
/// state every few steps into <c>DIR/training/</c> as one verified unit (<see cref="CheckpointUnit"/>), and at the end
/// writes the shipped scorer (<c>DIR/model.safetensors</c> + <c>config.json</c>) and its held-out figures
/// (<c>DIR/eval.json</c>), each under a temp name renamed into place, then drops training/.
/// </summary>
public sealed class AestheticTrainer(AestheticTrainingConfig config)
{
    /// <summary>File of the held-out figures written beside the weights.</summary>
    public const string EvalFile = "eval.json";

    private const string TrainingDir = "training", DoneDir = ".training-done";
    private const string StateFile = "state.json", OptimizerFile = "optimizer.bin";
    private readonly AestheticTrainingConfig c = config.Validate();

    /// <summary>Every name a run writes into its output folder, the checkpoint manifest first.</summary>
    public static IReadOnlyList<string> Outputs { get; } =
        [$"{TrainingDir}/{CheckpointManifest.FileName}", TrainingDir, DoneDir, WeightStore.WeightsFile, WeightStore.ConfigFile, EvalFile];

    /// <summary>Tests only: called at each point of a checkpoint where a kill is possible (<see cref="CheckpointUnit.Commit"/>).</summary>
    internal Action<int, string>? CheckpointFault { get; init; }

    /// <summary>The outcome of a run.</summary>
    /// <param name="StepsRun">Steps run by this call (fewer than the config's when resumed).</param>
    /// <param name="Seconds">Wall time of this call.</param>
    /// <param name="Evaluation">Held-out figures of the final scorer.</param>
    public sealed record Outcome(int StepsRun, double Seconds, AestheticEvaluation.Result Evaluation);

    /// <summary>training/state.json: the checkpoint's step and the config it was run with.</summary>
    private sealed record State(int Step, AestheticTrainingConfig Config);

    /// <summary>
    /// Trains into <paramref name="dir"/>. A fresh start refuses a folder holding a run (<see cref="RunExistsException"/>);
    /// <see cref="TrainingStart.Resume"/> continues from <c>DIR/training/</c> and draws the same batches an uninterrupted
    /// run would. <paramref name="onStep"/> is called after every step. Cancellation stops after the current step with a
    /// checkpoint, so a resume continues from there.
    /// </summary>
    public Outcome Train(string dir, TrainingStart start, Action<AestheticTrainingStep>? onStep = null, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        if (c.Threads > 0) set_num_threads(c.Threads);
        string training = Path.Combine(dir, TrainingDir);
        RunFolder.Prepare(dir, start, Outputs);

        // 1. Data: the training pool, and a held-out pool from another seed sharing no frame with it.
        var pool = FramePool.Build(c.Seed, c.TrainFrames);
        var heldOut = FramePool.Build(unchecked(c.Seed + 1_000_003), c.HeldOutFrames, pool.Hashes());

        // 2. Model and optimiser, fresh or from the last checkpoint.
        using var net = new AestheticNet(c.Model, new Random(c.Seed));
        using var optimizer = optim.AdamW(net.parameters(), c.LearningRate, weight_decay: c.WeightDecay);
        int first = start == TrainingStart.Resume ? Restore(training, net, optimizer) : 0;

        // 3. Steps.
        net.train();
        int step = first;
        while (step < c.Steps && !cancellation.IsCancellationRequested)
        {
            var report = Step(net, optimizer, pool, step);
            step++;
            onStep?.Invoke(report with { Step = step });
            if (step % c.CheckpointEvery == 0 && step < c.Steps) Checkpoint(training, net, optimizer, step);
        }
        if (step < c.Steps)
        {
            Checkpoint(training, net, optimizer, step);
            throw new OperationCanceledException($"aesthetic training stopped at step {step} of {c.Steps}; --resume continues it", cancellation);
        }

        // 4. Ship: weights + config, the held-out figures, then drop the resumable state (one rename first, so a kill
        // while deleting never leaves half a checkpoint).
        net.eval();
        WeightStore.Save(net, c.Model, dir);
        using var scorer = AestheticScorer.Load(dir);
        var evaluation = AestheticEvaluation.Evaluate(scorer, heldOut, c.Seed);
        WeightStore.WriteAtomic(Path.Combine(dir, EvalFile), JsonSerializer.Serialize(new
        {
            frames = evaluation.Frames,
            accuracy = evaluation.Accuracy.ToDictionary(kv => kv.Key.ToString(), kv => Math.Round(kv.Value, 4)),
            analytic_accuracy = evaluation.AnalyticAccuracy.ToDictionary(kv => kv.Key.ToString(), kv => Math.Round(kv.Value, 4)),
            clean_score = Math.Round(evaluation.CleanScore, 4),
            degraded_score = evaluation.DegradedScore.ToDictionary(kv => kv.Key.ToString(), kv => Math.Round(kv.Value, 4)),
            config = c,
        }, AestheticTrainingConfig.Json));
        string done = Path.Combine(dir, DoneDir);
        if (Directory.Exists(done)) Directory.Delete(done, recursive: true);
        if (Directory.Exists(training)) { Directory.Move(training, done); Directory.Delete(done, recursive: true); }
        return new Outcome(step - first, clock.Elapsed.TotalSeconds, evaluation);
    }

    /// <summary>One optimiser step on batch <paramref name="step"/>: B clean frames, each against a degraded copy.</summary>
    private AestheticTrainingStep Step(AestheticNet net, optim.Optimizer optimizer, FramePool pool, int step)
    {
        int b = c.BatchSize, size = FramePool.FrameSize, per = 3 * size * size;
        var rng = new Random(unchecked(c.Seed * 1_000_003 + step * 7919 + 17)); // batch k depends on (Seed, k) only
        var data = new float[2 * b * per];
        for (int i = 0; i < b; i++)
        {
            var clean = pool[rng.Next(pool.Count)];
            clean.CopyTo(data, i * per);
            var kind = Degradations.All[(step * b + i) % Degradations.All.Count];
            Degradations.Apply(clean, size, size, kind, rng).CopyTo(data, (b + i) * per);
        }
        double lr = c.LearningRate * (0.1 + 0.9 * 0.5 * (1 + Math.Cos(Math.PI * step / c.Steps)));
        foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;

        using var scope = NewDisposeScope();
        var logits = net.forward(tensor(data).reshape(2 * b, 3, size, size)); // [2B]: clean first, then degraded
        var (clean0, degraded0) = (logits.narrow(0, 0, b), logits.narrow(0, b, b));
        var rank = nn.functional.softplus(-(clean0 - degraded0)).mean();
        var anchor = (nn.functional.binary_cross_entropy_with_logits(clean0, ones_like(clean0))
            + nn.functional.binary_cross_entropy_with_logits(degraded0, zeros_like(degraded0))) / 2;
        var loss = rank + c.AnchorWeight * anchor;
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
        double accuracy = (clean0 > degraded0).to_type(ScalarType.Float32).mean().item<float>();
        return new AestheticTrainingStep(step + 1, c.Steps, loss.item<float>(), accuracy, lr);
    }

    /// <summary>Loads the last checkpoint, verified as one unit; returns its step.</summary>
    private int Restore(string training, AestheticNet net, optim.Optimizer optimizer)
    {
        var checkpoint = CheckpointUnit.Open(training);
        var state = CheckpointUnit.ReadState<State>(training, StateFile, checkpoint, s => s.Step, AestheticTrainingConfig.Json);
        if (JsonSerializer.Serialize(state.Config, AestheticTrainingConfig.Json) != JsonSerializer.Serialize(c, AestheticTrainingConfig.Json))
            throw new CheckpointException($"{Path.Combine(training, StateFile)}: the run was started with another config; resume it with the same --config and --seed");
        try
        {
            net.load_safetensors(Path.Combine(training, WeightStore.WeightsFile), strict: true);
            ((OptimizerHelper)optimizer).load_state_dict(Path.Combine(training, OptimizerFile));
        }
        catch (Exception e) when (e is not CheckpointException)
        {
            throw new CheckpointException($"{training}: cannot load the checkpoint of step {state.Step} ({e.GetType().Name}: {e.Message})", e);
        }
        return state.Step;
    }

    /// <summary>Model, optimiser and state of <paramref name="step"/>, committed as one unit into training/.</summary>
    private void Checkpoint(string training, AestheticNet net, optim.Optimizer optimizer, int step) =>
        CheckpointUnit.Commit(training, step, stage =>
        {
            WeightStore.Save(net, c.Model, stage);
            WeightStore.SaveOptimizer((OptimizerHelper)optimizer, Path.Combine(stage, OptimizerFile));
            WeightStore.WriteAtomic(Path.Combine(stage, StateFile), JsonSerializer.Serialize(new State(step, c), AestheticTrainingConfig.Json));
        }, [], CheckpointFault);
}
