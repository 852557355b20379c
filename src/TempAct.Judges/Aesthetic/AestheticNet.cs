using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TempAct.Judges.Aesthetic;

/// <summary>
/// The aesthetic scorer's network: frames [B, 3, H, W] in [−1, 1] → one logit per frame (higher = cleaner).
/// conv1 (stride 1) → conv2, conv3, conv4 (stride 2) with SiLU, then the mean and the max of the last feature map over
/// space (a local defect — a cut, a ghost — shows in the max) → linear head. Parameter names match a PyTorch module with
/// the same attributes (conv1.weight …, head.bias).
/// </summary>
public sealed class AestheticNet : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1, conv2, conv3, conv4;
    private readonly Linear head;

    /// <summary>Creates the network with PyTorch's default initialisation drawn from <paramref name="rng"/>.</summary>
    public AestheticNet(AestheticConfig config, Random rng) : base(nameof(AestheticNet))
    {
        var c = config.Validate().Widths;
        conv1 = nn.Conv2d(3, c[0], 3, stride: 1, padding: 1);
        conv2 = nn.Conv2d(c[0], c[1], 3, stride: 2, padding: 1);
        conv3 = nn.Conv2d(c[1], c[2], 3, stride: 2, padding: 1);
        conv4 = nn.Conv2d(c[2], c[3], 3, stride: 2, padding: 1);
        head = nn.Linear(2 * c[3], 1);
        RegisterComponents();
        Initialize(rng);
    }

    /// <summary>Logits [B] of frames [B, 3, H, W].</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = nn.functional.silu(conv1.forward(x));   // [B, c0, H, W]
        h = nn.functional.silu(conv2.forward(h));       // [B, c1, H/2, W/2]
        h = nn.functional.silu(conv3.forward(h));       // [B, c2, H/4, W/4]
        h = nn.functional.silu(conv4.forward(h));       // [B, c3, H/8, W/8]
        var flat = h.flatten(2);                        // [B, c3, H·W/64]
        var pooled = cat([flat.mean([2]), flat.amax([2])], 1); // [B, 2·c3]
        return head.forward(pooled).squeeze(1).MoveToOuterDisposeScope(); // [B]
    }

    /// <summary>
    /// PyTorch's default init for conv and linear layers (kaiming-uniform with a = √5, i.e. U(±1/√fan_in) for weights and
    /// biases), drawn from an explicit generator instead of torch's global one.
    /// </summary>
    private void Initialize(Random rng)
    {
        using var noGrad = no_grad();
        foreach (var layer in new nn.Module[] { conv1, conv2, conv3, conv4, head })
        {
            var p = layer.named_parameters().ToDictionary(kv => kv.name, kv => kv.parameter);
            var weight = p["weight"];
            long fanIn = weight.numel() / weight.shape[0];
            double bound = 1 / Math.Sqrt(fanIn);
            foreach (var t in new[] { weight, p["bias"] })
            {
                var values = new float[t.numel()];
                for (int i = 0; i < values.Length; i++) values[i] = (float)((2 * rng.NextDouble() - 1) * bound);
                using var source = tensor(values).reshape(t.shape);
                t.copy_(source);
            }
        }
    }
}
