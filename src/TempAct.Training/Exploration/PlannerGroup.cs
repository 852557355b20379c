using static TorchSharp.torch;

namespace TempAct.Training.Exploration;

/// <summary>
/// One instruction's G answers as GSPO needs them: the prompt, the answers' tokens, and log π_old of every answer token
/// from one full no-grad forward after sampling at logits / T ([G, A], padded; mask 1 on real tokens).
/// </summary>
public sealed class PlannerGroup(int[] prompt, IReadOnlyList<int[]> answers, Tensor oldLogProbs, Tensor mask) : IDisposable
{
    /// <summary>Prompt tokens (&lt;bos&gt; + template).</summary>
    public int[] Prompt { get; } = prompt;

    /// <summary>The G answers' tokens.</summary>
    public IReadOnlyList<int[]> Answers { get; } = answers;

    /// <summary>log π_old per answer token [G, A].</summary>
    public Tensor OldLogProbs { get; } = oldLogProbs;

    /// <summary>1 on answer tokens, 0 on padding [G, A].</summary>
    public Tensor Mask { get; } = mask;

    /// <inheritdoc />
    public void Dispose() { OldLogProbs.Dispose(); Mask.Dispose(); }
}
