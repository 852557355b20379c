using TempAct.Judges.Aesthetic;
using TempAct.Models.Executor;
using TempAct.Models.Planner;
using TempAct.Models.Text;
using TempAct.Training.Config;
using TempAct.Training.Update;
using TorchSharp;
using static TorchSharp.torch;

namespace TempAct.Training;

/// <summary>
/// The networks of an RL run: the executor and the planner, each its frozen base with fresh LoRA adapters on top (the
/// adapters are what trains), and the aesthetic scorer behind S_aes. Owns them.
/// </summary>
public sealed class RlModels : IDisposable
{
    /// <summary>Wraps loaded networks (taken over); freezes every non-adapter weight.</summary>
    public RlModels(ExecutorTransformer executor, PlannerLm planner, WordTokenizer plannerTokenizer, AestheticScorer aesthetic)
    {
        Executor = executor;
        Planner = planner;
        PlannerTokenizer = plannerTokenizer;
        Aesthetic = aesthetic;
        ExecutorAdapters = new AdapterSet(executor, executor.LoraLayers());
        PlannerAdapters = new AdapterSet(planner, planner.LoraLayers());
    }

    /// <summary>The executor (base + adapters).</summary>
    public ExecutorTransformer Executor { get; }

    /// <summary>The planner LM (base + adapters).</summary>
    public PlannerLm Planner { get; }

    /// <summary>The planner's vocabulary.</summary>
    public WordTokenizer PlannerTokenizer { get; }

    /// <summary>S_aes.</summary>
    public AestheticScorer Aesthetic { get; }

    /// <summary>The executor's adapters.</summary>
    public AdapterSet ExecutorAdapters { get; }

    /// <summary>The planner's adapters.</summary>
    public AdapterSet PlannerAdapters { get; }

    /// <summary>Loads the bases named by <paramref name="config"/> (folders through <paramref name="resolve"/>), adds
    /// adapters of the configured rank and α, and moves the LMs to <paramref name="device"/> (the aesthetic scorer stays
    /// on the CPU, where the judges run). Errors are <see cref="Models.Checkpoints.CheckpointException"/>s naming the file.</summary>
    public static RlModels Load(RlConfig config, Func<string, string> resolve, Device device)
    {
        var executor = ExecutorCheckpoint.Load(resolve(config.Executor.Base), config.Executor.LoraRank, config.Executor.LoraAlpha);
        executor.AdapterChunks = config.Executor.AdapterChunks;
        var (planner, tokenizer) = PlannerCheckpoint.Load(resolve(config.Planner.Base), config.Planner.LoraRank, config.Planner.LoraAlpha);
        var aesthetic = AestheticScorer.Load(resolve(config.Rewards.Aesthetic));
        executor.to(device);
        planner.to(device);
        return new RlModels(executor, planner, tokenizer, aesthetic);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Executor.Dispose();
        Planner.Dispose();
        Aesthetic.Dispose();
    }
}
