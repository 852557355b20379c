using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using TempAct.Models.Executor;
using TempAct.Models.Runtime;
using TempAct.World.Serialization;

namespace TempAct.Models.Benchmarks;

/// <summary>
/// Writes an <see cref="ExecutorBench.Result"/> as <c>executor-&lt;device&gt;[-shape].json</c>, <c>…-latency.csv</c>
/// (chunk, ms), <c>…-rss.csv</c> (chunk, MB) and a short <c>….md</c> summary against the streaming targets.
/// </summary>
public static class ExecutorBenchReport
{
    /// <summary>The streaming targets the executor is held to at batch 1 (frames/s, ms to first chunk).</summary>
    public const double TargetFramesPerSecond = 16, TargetTtfcMs = 100;

    /// <summary>How the run was made: the command line, the weights, the --threads option (0: libtorch's default), the machine's
    /// load average before and after.</summary>
    public sealed record RunInfo(string Command, string Weights, int ThreadsOption, string LoadBefore, string LoadAfter, DateTime StartedUtc);

    private static readonly JsonSerializerOptions Json = new(WorldJson.Indented)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>"executor-cpu" for the shipped shape at libtorch's default threads, "executor-cpu-d128-l4-h4" for another shape,
    /// "…-t1" when the thread count was set, "…-omp-passive" when OMP_WAIT_POLICY is set.</summary>
    public static string FileStem(string device, ExecutorConfig c, int threadsOption) =>
        (c with { VocabSize = 0 } == new ExecutorConfig() ? $"executor-{device}" : $"executor-{device}-d{c.Dim}-l{c.Layers}-h{c.Heads}")
        + (threadsOption > 0 ? $"-t{threadsOption}" : "")
        + (Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is { Length: > 0 } policy ? $"-omp-{policy.ToLowerInvariant()}" : "");

    /// <summary>The 1-, 5- and 15-minute load averages ("n/a" off Linux).</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>Writes the four files into <paramref name="dir"/> and returns their paths.</summary>
    public static string[] Write(ExecutorBench.Result r, RunInfo info, string dir)
    {
        Directory.CreateDirectory(dir);
        string stem = Path.Combine(dir, FileStem(r.Device, r.Config, info.ThreadsOption));
        var paths = new[] { stem + ".json", stem + "-latency.csv", stem + "-rss.csv", stem + ".md" };
        AtomicFile.WriteAllText(paths[0], JsonSerializer.Serialize(Summary(r, info), Json) + "\n");
        AtomicFile.WriteAllLines(paths[1], r.Latency.ChunkMs.Select((ms, i) => Inv($"{i + 1},{ms:F3}")).Prepend("chunk,ms"));
        AtomicFile.WriteAllLines(paths[2], r.Rss.Samples.Select(s => Inv($"{s.Chunk},{s.Mb:F1},{s.LiveTensors}")).Prepend("chunk,rss_mb,live_tensors"));
        AtomicFile.WriteAllText(paths[3], Markdown(r, info, Path.GetFileName(stem)));
        return paths;
    }

    /// <summary>Targets met: (frames/s of fresh videos ≥ 16, TTFC ≤ 100 ms).</summary>
    public static (bool FramesPerSecond, bool Ttfc) TargetsMet(ExecutorBench.Result r) =>
        (r.Streaming.FramesPerSecondMedian >= TargetFramesPerSecond, r.Streaming.TtfcMedianMs <= TargetTtfcMs);

    private static object Summary(ExecutorBench.Result r, RunInfo info)
    {
        var met = TargetsMet(r);
        return new
        {
            info.Command, info.Weights, Started = info.StartedUtc.ToString("u", CultureInfo.InvariantCulture), Machine = Machine(),
            info.LoadBefore, info.LoadAfter, r.Device, r.Threads, r.GenerationThreads, r.Parameters,
            Shape = new { r.Config.Dim, r.Config.Layers, r.Config.Heads, r.Config.TextLayers, r.Config.PatchSize, r.Config.TokensPerFrame, r.Config.ChunkFrames, r.Config.SinkFrames, r.Config.WindowFrames },
            r.Prompt,
            Targets = new { FramesPerSecond = TargetFramesPerSecond, TtfcMs = TargetTtfcMs, FramesPerSecondMet = met.FramesPerSecond, TtfcMet = met.Ttfc },
            r.Streaming,
            TtfcWithinTarget = r.Streaming.TtfcMs.Count(ms => ms <= TargetTtfcMs),
            r.FirstChunk,
            Latency = new { Chunks = r.Latency.ChunkMs.Length, r.Latency.FirstMedianMs, r.Latency.LastMedianMs, r.Latency.MedianMs, r.Latency.P90Ms, r.Latency.SteadyFramesPerSecond },
            Rss = new { r.Rss.BeforeMb, r.Rss.FirstMb, r.Rss.LastMb, r.Rss.MaxMb, FirstLiveTensors = r.Rss.Samples[0].LiveTensors, LastLiveTensors = r.Rss.Samples[^1].LiveTensors, Samples = r.Rss.Samples.Length, Every = r.Rss.Samples.Length > 1 ? r.Rss.Samples[1].Chunk - r.Rss.Samples[0].Chunk : 0 },
            r.Breakdown,
            r.Threading,
            r.Flops,
            Train = r.Train is { } t ? new { t.Batch, t.ClipFrames, t.Tokens, t.MedianMs, t.P10Ms, t.P90Ms, Steps = t.StepsMs.Length } : null,
        };
    }

    private static string Markdown(ExecutorBench.Result r, RunInfo info, string stem)
    {
        var c = r.Config; var s = r.Streaming; var l = r.Latency; var b = r.Breakdown; var f = r.Flops;
        var met = TargetsMet(r);
        double rest = b.SamplerChunkMs - 4 * b.SampleForwardMs, chunk = l.LastMedianMs, other = b.ChunkMs - b.SamplerChunkMs - b.WriteForwardMs;
        var md = new StringBuilder();
        md.AppendLine(Inv($"# Executor streaming benchmark: {r.Device}, dim {c.Dim}, {c.Layers} layers, {c.Heads} heads"));
        md.AppendLine();
        md.AppendLine(Inv($"`{info.Command}` — {info.StartedUtc:u}, {Machine()}, torch threads {r.Threads} (generation at batch 1: {r.GenerationThreads}); load average (1/5/15 min) {info.LoadBefore} before, {info.LoadAfter} after (this benchmark alone adds about its thread count; anything above that is other jobs on the machine)."));
        md.AppendLine(Inv($"Weights: {info.Weights}. {r.Parameters:N0} parameters; {c.TokensPerFrame} tokens a frame, chunks of {c.ChunkFrames} frames, cache sink {c.SinkFrames} + window {c.WindowFrames} frames; batch 1; prompt \"{r.Prompt}\" ({b.TextTokens} tokens)."));
        md.AppendLine();
        md.AppendLine("| measure | value | target |");
        md.AppendLine("|---|---|---|");
        md.AppendLine(Inv($"| streaming frames/s, median of {s.Videos} fresh {s.Frames}-frame videos (3-step plans from the scene's initial state; range {s.FramesPerSecond.Min():F1}–{s.FramesPerSecond.Max():F1}) | **{s.FramesPerSecondMedian:F1}** | ≥ {TargetFramesPerSecond} {(met.FramesPerSecond ? "met" : "**missed**")} |"));
        int within = s.TtfcMs.Count(ms => ms <= TargetTtfcMs);
        md.AppendLine(Inv($"| time to first chunk (call → first chunk, context chunk and text encoding included), median (range {s.TtfcMs.Min():F1}–{s.TtfcMs.Max():F1}; {within} of {s.Videos} videos ≤ {TargetTtfcMs} ms) | **{s.TtfcMedianMs:F1} ms** | ≤ {TargetTtfcMs} ms {(met.Ttfc ? "met" : "**missed**")} |"));
        md.AppendLine(Inv($"| steady frames/s (3 frames / median latency of chunks {l.ChunkMs.Length - Math.Min(20, l.ChunkMs.Length) + 1}–{l.ChunkMs.Length}) | {l.SteadyFramesPerSecond:F1} | |"));
        md.AppendLine(Inv($"| chunk latency, median of chunks 1–20 vs last 20 (p90 of all) | {l.FirstMedianMs:F1} vs {l.LastMedianMs:F1} ms (×{l.LastMedianMs / l.FirstMedianMs:F2}; p90 {l.P90Ms:F1}) | flat |"));
        md.AppendLine(Inv($"| RSS after GC over {r.Rss.Samples[^1].Chunk} chunks: first / last / max sample (before: {r.Rss.BeforeMb:F0}) | {r.Rss.FirstMb:F0} / {r.Rss.LastMb:F0} / {r.Rss.MaxMb:F0} MB (live tensors {r.Rss.Samples[0].LiveTensors} → {r.Rss.Samples[^1].LiveTensors}) | flat |"));
        if (r.Train is { } t)
            md.AppendLine(Inv($"| training step, batch {t.Batch} × {t.ClipFrames} frames ({t.Tokens:N0} tokens), median of {t.StepsMs.Length} | {t.MedianMs:F0} ms ({t.Batch / (t.MedianMs / 1000):F1} clips/s) | |"));
        md.AppendLine(Inv($"| matmul FLOPs per generated frame (analytic, steady state) | {f.PerFrame / 1e9:F3} GFLOP | |"));
        md.AppendLine(Inv($"| achieved GFLOP/s of generation vs fp32 matmul peak ({string.Join(", ", f.MatmulGflops.Select(p => Inv($"{p.Key}³: {p.Value:F0}")))}) | {f.GenerationGflops:F1} of {f.PeakGflops:F0} ({f.FractionOfPeak:P1}) | |"));
        md.AppendLine();
        var fc = r.FirstChunk;
        md.AppendLine("## Where the first chunk goes");
        md.AppendLine();
        md.AppendLine(Inv($"A fresh prompt and scene each time ({fc.Repeats} of them), timed part by part as `generate` runs them; median (best)."));
        md.AppendLine();
        md.AppendLine("| part | ms |");
        md.AppendLine("|---|---|");
        md.AppendLine(Inv($"| text encoding (tokens, 2 text blocks, pooled vector, every block's cross-attention K/V) | {fc.EncodeMs:F1} ({fc.EncodeBestMs:F1}) |"));
        md.AppendLine(Inv($"| context chunk written + first denoising step, one 96-token forward (with every σ's modulation, once per prompt) | {fc.MergedStepMs:F1} ({fc.MergedStepBestMs:F1}) |"));
        md.AppendLine(Inv($"| each of the 3 other denoising steps | {fc.StepMs:F1} ({fc.StepBestMs:F1}) |"));
        md.AppendLine(Inv($"| **sum** | **{fc.EncodeMs + fc.MergedStepMs + 3 * fc.StepMs:F1}** ({fc.EncodeBestMs + fc.MergedStepBestMs + 3 * fc.StepBestMs:F1}) |"));
        md.AppendLine();
        md.AppendLine(Inv($"## Where a steady-state chunk goes ({b.KeyTokens} keys: window full)"));
        md.AppendLine();
        md.AppendLine(Inv($"Timed apart from the streaming runs above: one chunk's work (write the previous chunk, sample this one, copy its pixels to the host) and its parts, interleaved, each the best of {b.Repeats} repeats (the least-disturbed run, so the parts add up on a shared machine); the streaming median above is {chunk:F1} ms."));
        md.AppendLine();
        md.AppendLine("| part | ms | share |");
        md.AppendLine("|---|---|---|");
        md.AppendLine(Inv($"| 4 sampler forwards (4 × {b.SampleForwardMs:F2}) | {4 * b.SampleForwardMs:F1} | {4 * b.SampleForwardMs / b.ChunkMs:P0} |"));
        md.AppendLine(Inv($"| sampler arithmetic and noise (sampled chunk − 4 forwards) | {Part(rest)} | {Share(rest, b.ChunkMs)} |"));
        md.AppendLine(Inv($"| cache-write forward (t = 0 re-run + window slide) | {b.WriteForwardMs:F1} | {b.WriteForwardMs / b.ChunkMs:P0} |"));
        md.AppendLine(Inv($"| pixels to the host and the rest (chunk − sampled chunk − write) | {Part(other)} | {Share(other, b.ChunkMs)} |"));
        md.AppendLine(Inv($"| **one chunk's work** | **{b.ChunkMs:F1}** | |"));
        md.AppendLine();
        var one = r.Threading.Rows[0];
        md.AppendLine(Inv($"One forward: {b.SampleForwardMs:F2} ms as generation runs it ({r.GenerationThreads} intra-op thread{(r.GenerationThreads == 1 ? "" : "s")}{(one.SplitMs is not null && r.GenerationThreads == 1 ? ", rows split over two cores" : "")}; unsplit: {one.OneThreadMs:F2} ms on 1 thread, {one.TwoThreadsMs:F2} ms on 2 — next section); {f.PerForward / 1e6:F0} MFLOP → {f.ForwardGflops:F1} GFLOP/s. ")
            + Inv($"Its matmuls alone, at the same shapes and in the same order on {r.GenerationThreads} thread(s): {b.GemmFloorMs:F2} ms ({f.GemmFloorGflops:F1} GFLOP/s)")
            + (r.GenerationThreads == 1 ? Inv($"; of the unsplit forward's {one.OneThreadMs:F2} ms on one thread, the other {one.OneThreadMs - b.GemmFloorMs:F2} ms are norms, modulation, RoPE, softmax, concatenation and per-op cost. ") : ". ")
            + Inv($"A forward creates {b.TensorsPerForward} tensors (≈ native calls, views included); a tiny op costs {b.MicrosecondsPerTinyOp:F1} µs, so per-op cost alone is ≈ {b.TensorsPerForward * b.MicrosecondsPerTinyOp / 1000:F2} ms a forward. ")
            + Inv($"Text encoding of one prompt: {b.TextEncodeMs:F2} ms."));
        md.AppendLine();
        var th = r.Threading;
        md.AppendLine("## Threads at small batches");
        md.AppendLine();
        md.AppendLine(Inv($"One sampler forward, window full, the best of interleaved repeats ({th.Repeats} ÷ batch, at least 5): unsplit on libtorch's 1 or 2 intra-op threads, and split over two cores on 1 thread (what generation uses up to {TorchRuntime.SingleThreadRows} rows)."));
        md.AppendLine();
        md.AppendLine("| batch | rows | 1 thread ms | 2 threads ms | split, 1 thread ms |");
        md.AppendLine("|---|---|---|---|---|");
        foreach (var row in th.Rows)
            md.AppendLine(Inv($"| {row.Batch} | {row.Rows} | {row.OneThreadMs:F1} | {row.TwoThreadsMs:F1} | {(row.SplitMs is double sp ? Inv($"{sp:F1}") : "n/a")} |"));
        md.AppendLine();
        md.AppendLine(Inv($"Files: `{stem}.json`, `{stem}-latency.csv` (chunk, ms), `{stem}-rss.csv` (chunk, MB, live tensors). FLOP formula: `src/TempAct.Models/Benchmarks/ExecutorFlops.cs`."));
        return md.ToString();
    }

    private static string Machine()
    {
        string cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(x => x.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";
        // libgomp's wait policy decides whether idle OpenMP workers spin; on a shared machine that changes the timings a lot.
        // The GC's gen-0 budget is named too: the first-chunk tail was measured with and without a larger one.
        return $"{cpu}, {Environment.ProcessorCount} cores, OMP_WAIT_POLICY={Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") ?? "unset"}, "
            + $"DOTNET_GCgen0size={Environment.GetEnvironmentVariable("DOTNET_GCgen0size") ?? "unset"}";
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>A difference of two timings: below zero it is lost in the noise, and says so.</summary>
    private static string Part(double ms) => ms >= -0.05 ? Inv($"{ms:F1}") : Inv($"≈ 0 (within noise: {ms:F1})");

    private static string Share(double ms, double total) => ms >= -0.05 ? Inv($"{ms / total:P0}") : "≈ 0 %";
}
