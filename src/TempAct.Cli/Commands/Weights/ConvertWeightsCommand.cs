using System.ComponentModel;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Cli;
using TempAct.Models.Checkpoints;
using TempAct.Models.Executor;
using TempAct.Models.Planner;

namespace TempAct.Cli.Commands.Weights;

/// <summary>`weights convert`: rewrites an executor or planner checkpoint folder with its parameters stored as fp16, bf16
/// or fp32 (config.json records it as StoredDtype; loading converts back to fp32). How the shipped weights stay small.</summary>
public sealed class ConvertWeightsCommand : Command<ConvertWeightsCommand.Settings>
{
    /// <summary>Options of `weights convert`.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Checkpoint folder to read.</summary>
        [CommandOption("--model"), Description("Executor or planner checkpoint folder (config.json, model.safetensors, vocab.json).")]
        public string? Model { get; init; }
        /// <summary>Stored dtype.</summary>
        [CommandOption("--dtype"), Description("fp16, bf16 or fp32."), DefaultValue("fp16")] public string Dtype { get; init; } = "fp16";
        /// <summary>Output folder.</summary>
        [CommandOption("--out"), Description("Output folder (the same as --model converts in place); the folder's other files are copied along.")]
        public string? Out { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate() =>
            Model is null ? ValidationResult.Error("--model is required")
            : Out is null ? ValidationResult.Error("--out is required (give --model's folder to convert in place)")
            : Dtype is not ("fp16" or "bf16" or "fp32") ? ValidationResult.Error($"--dtype must be fp16, bf16 or fp32, got '{Dtype}'")
            : ValidationResult.Success();
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s, CancellationToken cancellation)
    {
        string from = s.Model!, to = s.Out!;
        var dtype = s.Dtype switch { "bf16" => WeightDtype.Bf16, "fp32" => WeightDtype.Fp32, _ => WeightDtype.Fp16 };
        long before = new FileInfo(Path.Combine(from, WeightStore.WeightsFile)) is { Exists: true } f ? f.Length : 0;
        string kind = Kind(from);
        if (Path.GetFullPath(from) != Path.GetFullPath(to)) CopyOthers(from, to);
        if (kind == "executor")
        {
            using var model = ExecutorCheckpoint.Load(from);
            ExecutorCheckpoint.Save(model, to, dtype);
        }
        else
        {
            var (model, tokenizer) = PlannerCheckpoint.Load(from);
            using (model) PlannerCheckpoint.Save(model, tokenizer, to, dtype);
        }
        long after = new FileInfo(Path.Combine(to, WeightStore.WeightsFile)).Length;
        CliConsole.Human.MarkupLine(Markup.Escape($"{kind} {from} → {to}: parameters stored as {s.Dtype}, {WeightStore.WeightsFile} {before / 1e6:0.00} MB → {after / 1e6:0.00} MB"));
        return ExitCodes.Ok;
    }

    /// <summary>"executor" or "planner", from the fields of the folder's config.json.</summary>
    private static string Kind(string dir)
    {
        string path = Path.Combine(dir, WeightStore.ConfigFile);
        if (!File.Exists(path)) throw new CheckpointException($"{path}: missing (a checkpoint folder holds {WeightStore.WeightsFile} and {WeightStore.ConfigFile})");
        JsonObject? config;
        try { config = JsonNode.Parse(File.ReadAllText(path)) as JsonObject; }
        catch (System.Text.Json.JsonException e) { throw new CheckpointException($"{path}: not valid JSON ({e.Message})", e); }
        return config?.ContainsKey(nameof(ExecutorConfig.PatchSize)) == true ? "executor"
            : config?.ContainsKey(nameof(PlannerConfig.MaxTokens)) == true ? "planner"
            : throw new CheckpointException($"{path}: neither an executor nor a planner config (no PatchSize or MaxTokens field)");
    }

    /// <summary>Copies the folder's files other than the weights, config and vocabulary (logs, measurements).</summary>
    private static void CopyOthers(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            string name = Path.GetFileName(file);
            if (name is WeightStore.WeightsFile or WeightStore.ConfigFile or ExecutorCheckpoint.VocabFile) continue;
            File.Copy(file, Path.Combine(to, name), overwrite: true);
        }
    }
}
