namespace TempAct.Judges.Http;

/// <summary>
/// Where and how the HTTP judges call an OpenAI-compatible chat-completions server (vLLM serving Qwen3-VL, or
/// <c>./tempact serve --judges oracle</c>). Every field has a default except the endpoints.
/// </summary>
public sealed record JudgeClientOptions
{
    /// <summary>Base URLs of the servers, each as an OpenAI client expects it, e.g. "http://127.0.0.1:8000/v1"
    /// (TempAct runs one judge server per node; requests go round robin, and a retry goes to the next one).</summary>
    public IReadOnlyList<string> Endpoints { get; init; } = [];

    /// <summary>Model name sent with every request ("Qwen/Qwen3-VL-8B-Instruct" on vLLM; the oracle server's is "tempact-oracle").</summary>
    public string Model { get; init; } = "tempact-oracle";

    /// <summary>API key sent as a bearer token; vLLM and the oracle server accept any value unless configured otherwise.</summary>
    public string ApiKey { get; init; } = "EMPTY";

    /// <summary>Time one attempt may take before it is abandoned and retried.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Attempts per item (first try included) before it is scored 0 and counted as failed.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Wait before the first retry; it doubles for each further retry (no jitter: runs stay reproducible).</summary>
    public TimeSpan Backoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Requests in flight at once across all endpoints.</summary>
    public int MaxConcurrency { get; init; } = 8;

    /// <summary>JPEG quality of the frames (1–100).</summary>
    public int JpegQuality { get; init; } = 95;

    /// <summary>Each 32×32 frame is enlarged this many times (nearest) before JPEG coding: VLMs see a readable image, and
    /// the 8×8 JPEG blocks fall inside single world pixels.</summary>
    public int FrameScale { get; init; } = 4;

    /// <summary>Frames the full-video judge scores one by one (the "frame_scores" array), as <see cref="Oracle.FrameSampling"/> spreads them.</summary>
    public int FrameSamples { get; init; } = 8;

    /// <summary>Context frames sent before a step's window; null sends the whole history, which the oracle needs to
    /// resolve frame-0 names (a VLM may prefer a few).</summary>
    public int? StepContextFrames { get; init; }

    /// <summary>Sampling temperature asked of the judge model (0: greedy, as judges should be).</summary>
    public float Temperature { get; init; }

    /// <summary>Most tokens the judge may answer with (room for a thinking model's preamble).</summary>
    public int MaxOutputTokens { get; init; } = 1024;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad field.</summary>
    public JudgeClientOptions Validate()
    {
        if (Endpoints.Count == 0) throw new ArgumentException("the judge client needs at least one endpoint URL");
        foreach (var e in Endpoints)
            if (!Uri.TryCreate(e, UriKind.Absolute, out var u) || (u.Scheme != Uri.UriSchemeHttp && u.Scheme != Uri.UriSchemeHttps))
                throw new ArgumentException($"judge endpoint '{e}' is not an absolute http(s) URL such as http://127.0.0.1:8000/v1");
        if (string.IsNullOrWhiteSpace(Model)) throw new ArgumentException("the judge model name is empty");
        if (Timeout <= TimeSpan.Zero) throw new ArgumentException($"judge Timeout must be positive, got {Timeout}");
        if (MaxAttempts < 1) throw new ArgumentException($"judge MaxAttempts must be ≥ 1, got {MaxAttempts}");
        if (Backoff < TimeSpan.Zero) throw new ArgumentException($"judge Backoff must be ≥ 0, got {Backoff}");
        if (MaxConcurrency < 1) throw new ArgumentException($"judge MaxConcurrency must be ≥ 1, got {MaxConcurrency}");
        if (JpegQuality is < 1 or > 100) throw new ArgumentException($"JpegQuality must be 1..100, got {JpegQuality}");
        if (FrameScale is < 1 or > 32) throw new ArgumentException($"FrameScale must be 1..32, got {FrameScale}");
        if (FrameSamples < 1) throw new ArgumentException($"FrameSamples must be ≥ 1, got {FrameSamples}");
        if (StepContextFrames is < 0) throw new ArgumentException($"StepContextFrames must be ≥ 0, got {StepContextFrames}");
        if (MaxOutputTokens < 1) throw new ArgumentException($"MaxOutputTokens must be ≥ 1, got {MaxOutputTokens}");
        return this;
    }
}
