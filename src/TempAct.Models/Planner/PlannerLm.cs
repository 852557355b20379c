using TempAct.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TempAct.Models.Planner;

/// <summary>
/// The planner: a decoder-only transformer LM (learned token and position embeddings, pre-norm blocks, untied head).
/// <see cref="forward"/> scores whole sequences for training; <see cref="Forward(Tensor, PlannerKvCache, int)"/>
/// extends a KV cache for sampling. Parameter names follow GPT-2 (wte, wpe, h.N.*, ln_f, lm_head).
/// </summary>
public sealed class PlannerLm : nn.Module<Tensor, Tensor>
{
    private readonly Embedding wte, wpe;
    private readonly ModuleList<PlannerBlock> h;
    private readonly LayerNorm ln_f;
    private readonly Linear lm_head;

    /// <summary>Builds the model with weights drawn from <paramref name="seed"/>.</summary>
    public PlannerLm(PlannerConfig config, long seed = 0) : base(nameof(PlannerLm))
    {
        config.Validate();
        Config = config;
        var g = new Generator(seed: (ulong)seed);
        wte = nn.Embedding(config.VocabSize, config.Dim);
        wpe = nn.Embedding(config.MaxTokens, config.Dim);
        using (no_grad())
        {
            wte.weight!.normal_(0, 0.02, generator: g);
            wpe.weight!.normal_(0, 0.02, generator: g);
        }
        h = new ModuleList<PlannerBlock>(Enumerable.Range(0, config.Layers).Select(_ => new PlannerBlock(config, g)).ToArray());
        ln_f = nn.LayerNorm(config.Dim);
        lm_head = nn.Linear(config.Dim, config.VocabSize, hasBias: false);
        using (no_grad()) lm_head.weight!.normal_(0, 0.02, generator: g);
        RegisterComponents();
    }

    /// <summary>The model's shape.</summary>
    public PlannerConfig Config { get; }

    /// <summary>Logits [B, T, V] for tokens [B, T] (causal; no cache).</summary>
    public override Tensor forward(Tensor tokens) => Forward(tokens, null, 0);

    /// <summary>Logits [B, t, V] for the new tokens [B, t] at positions start..start+t, reading and extending the cache.</summary>
    public Tensor Forward(Tensor tokens, PlannerKvCache? cache, int start)
    {
        long t = tokens.shape[1];
        if (start + t > Config.MaxTokens) throw new ArgumentException($"sequence of {start + t} tokens exceeds MaxTokens {Config.MaxTokens}");
        using var positions = arange(start, start + t, dtype: ScalarType.Int64, device: tokens.device);
        var x = wte.forward(tokens) + wpe.forward(positions);                                          // [B, t, D]
        for (int i = 0; i < h.Count; i++) x = h[i].Forward(x, cache?.Layers[i], start);
        return lm_head.forward(ln_f.forward(x));                                                     // [B, t, V]
    }

    /// <summary>Logits [B, t, V] for new tokens [B, t] at per-row <paramref name="positions"/> [B, t], written into cache
    /// slots slot..slot+t; <paramref name="mask"/> [B, 1, t, slot + t] says which slots each row attends to. Rows with
    /// prompts of different lengths sample together this way (<see cref="BatchPlanSampler"/>).</summary>
    public Tensor Forward(Tensor tokens, PlannerKvCache cache, int slot, Tensor positions, Tensor mask)
    {
        long t = tokens.shape[1];
        if (slot + t > Config.MaxTokens) throw new ArgumentException($"cache slot {slot + t} exceeds MaxTokens {Config.MaxTokens}");
        var x = wte.forward(tokens) + wpe.forward(positions);                                         // [B, t, D]
        for (int i = 0; i < h.Count; i++) x = h[i].Forward(x, cache.Layers[i], slot, mask);
        return lm_head.forward(ln_f.forward(x));                                                     // [B, t, V]
    }

    /// <summary>All LoRA-carrying layers (for toggling, saving and the optimizer's adapter group).</summary>
    public IEnumerable<LoraLinear> LoraLayers() => h.SelectMany(b => b.LoraLayers());

    /// <summary>Switches every adapter on or off; off gives exactly the base (reference) model.</summary>
    public void SetAdaptersEnabled(bool enabled) { foreach (var l in LoraLayers()) l.AdaptersEnabled = enabled; }
}
