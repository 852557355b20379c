using TempAct.Models.Planner;
using TorchSharp;

namespace TempAct.Cli.Commands.Planner;

/// <summary>Turns the --planner option into a planner: "base" (models/planner-base), a checkpoint folder, or an http(s) URL
/// of an OpenAI-compatible endpoint.</summary>
public static class PlannerSource
{
    /// <summary>Opens the planner named by <paramref name="option"/>.</summary>
    public static IPlanner Open(string option, SamplingOptions sampling, string model, TorchSharp.torch.Device device)
    {
        if (option.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || option.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            return new EndpointPlanner(new Uri(option), model, sampling);
        string dir = option == "base" ? RepoPaths.Find("models/planner-base") : option;
        // A models/tempact-style folder: the base planner it names with the RL adapters on top.
        var (lm, tokenizer) = TempAct.Training.Checkpoints.TempActWeights.IsFolder(dir) ? TempAct.Training.Checkpoints.TempActWeights.LoadPlanner(dir) : PlannerCheckpoint.Load(dir);
        lm.to(device);
        return new LocalPlanner(lm, tokenizer, sampling);
    }
}
