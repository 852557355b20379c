using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TempAct.Models.Layers;

/// <summary>
/// A linear layer with an optional rank-r LoRA adapter (Hu et al., <see href="https://arxiv.org/abs/2106.09685"/>):
/// y = x·Wᵀ + b + (α/r)·x·Aᵀ·Bᵀ, with B zero-initialised so a fresh adapter changes nothing. With
/// <see cref="AdaptersEnabled"/> false the layer is exactly the base layer — the KL reference policy.
/// Parameter names: weight, bias, lora_A, lora_B (the latter two only when r &gt; 0).
/// </summary>
public sealed class LoraLinear : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter? bias;
    private readonly Parameter? lora_A;
    private readonly Parameter? lora_B;
    private readonly double scale;

    /// <summary>Creates the layer; <paramref name="rank"/> 0 means no adapter.</summary>
    public LoraLinear(long inFeatures, long outFeatures, bool hasBias = true, int rank = 0, double alpha = 16, Generator? generator = null)
        : base(nameof(LoraLinear))
    {
        double bound = 1.0 / Math.Sqrt(inFeatures);
        weight = nn.Parameter(rand(new long[] { outFeatures, inFeatures }, generator: generator) * (2 * bound) - bound);
        if (hasBias) bias = nn.Parameter(zeros(outFeatures));
        if (rank > 0)
        {
            lora_A = nn.Parameter(randn(new long[] { rank, inFeatures }, generator: generator) * (1.0 / rank));
            lora_B = nn.Parameter(zeros(outFeatures, rank));
            scale = alpha / rank;
        }
        RegisterComponents();
    }

    /// <summary>Whether the adapter contributes (false: the base layer, the reference policy).</summary>
    public bool AdaptersEnabled { get; set; } = true;

    /// <summary>When set (bf16 on CUDA), the matmul runs in this type on a cast of the fp32 weights and returns it —
    /// hand-made autocast, as TorchSharp has none; gradients flow through the casts to the fp32 master weights.</summary>
    public ScalarType? ComputeType { get; set; }

    /// <summary>True when the layer has an adapter.</summary>
    public bool HasAdapter => lora_A is not null;

    /// <summary>The adapter's weight change (α/r)·B·A [out, in], without gradients (zero for a fresh adapter); null
    /// without an adapter.</summary>
    public Tensor? DeltaWeight()
    {
        if (lora_A is null) return null;
        using var _ = no_grad();
        return lora_B!.matmul(lora_A) * scale;
    }

    /// <summary>The frozen base weight [out, in].</summary>
    public Tensor BaseWeight => weight;

    /// <summary>The adapter's parameters (empty without one).</summary>
    public IEnumerable<Parameter> AdapterParameters() => lora_A is null ? [] : [lora_A, lora_B!];

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        if (ComputeType is { } ct)
        {
            var xc = x.to_type(ct);
            var yc = nn.functional.linear(xc, weight.to_type(ct), bias?.to_type(ct));
            if (lora_A is null || !AdaptersEnabled) return yc;
            return yc + nn.functional.linear(nn.functional.linear(xc, lora_A.to_type(ct)), lora_B!.to_type(ct)) * scale;
        }
        var y = nn.functional.linear(x, weight, bias);
        if (lora_A is null || !AdaptersEnabled) return y;
        return y + nn.functional.linear(nn.functional.linear(x, lora_A), lora_B!) * scale;
    }
}
