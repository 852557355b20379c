using System.Diagnostics;
using TempAct.Models.Executor;
using TempAct.Models.Runtime;
using TempAct.Models.Text;
using TempAct.World.Language;
using TempAct.World.Plans;
using TorchSharp;
using static TorchSharp.torch;

namespace TempAct.Models.Benchmarks;

/// <summary>
/// Streaming-generation benchmark of the executor at batch 1: frames/s and time to first chunk over fresh videos,
/// per-chunk latency along one long video, process RSS over a longer one, a per-forward breakdown of where a chunk's
/// time goes, FLOPs per frame against the measured matmul peak, and the pretraining step (<see cref="ExecutorStepBench"/>).
/// Timings, never pass/fail; <see cref="ExecutorBenchReport"/> writes them out.
/// </summary>
public static class ExecutorBench
{
    /// <summary>What to run; every count is a knob because the machine may be shared and slow.</summary>
    public sealed record Options
    {
        /// <summary>Fresh videos timed for frames/s and time to first chunk (the median is reported).</summary>
        public int Videos { get; init; } = 20;
        /// <summary>Frames of each fresh video (60: the `hard` benchmark set's length).</summary>
        public int VideoFrames { get; init; } = 60;
        /// <summary>Chunks 1..n of one long video timed one by one.</summary>
        public int LatencyChunks { get; init; } = 200;
        /// <summary>Chunks of the video whose RSS is sampled.</summary>
        public int RssChunks { get; init; } = 1000;
        /// <summary>RSS sample period in chunks.</summary>
        public int RssEvery { get; init; } = 10;
        /// <summary>Timed repeats of each piece of the breakdown.</summary>
        public int BreakdownRepeats { get; init; } = 30;
        /// <summary>Largest square matmul side for the fp32 peak (1024 is timed too).</summary>
        public int MatmulSize { get; init; } = 2048;
        /// <summary>Clips per training step.</summary>
        public int TrainBatch { get; init; } = 32;
        /// <summary>Untimed training steps.</summary>
        public int TrainWarmup { get; init; } = 2;
        /// <summary>Timed training steps (0 skips the training step).</summary>
        public int TrainSteps { get; init; } = 5;
        /// <summary>Seed of prompts and noise.</summary>
        public long Seed { get; init; }
    }

    /// <summary>One progress report: <paramref name="Done"/> of <paramref name="Total"/> units of a phase.</summary>
    public sealed record Progress(string Phase, int Done, int Total);

    /// <summary>Fresh videos: time to first chunk (from the call, text encoding included) and frames / total time.</summary>
    public sealed record StreamingResult(int Videos, int Frames, double TtfcMedianMs, double FramesPerSecondMedian, double[] TtfcMs, double[] FramesPerSecond);

    /// <summary>Latency of chunks 1..n of one video (chunk i includes the cache write of chunk i − 1).</summary>
    public sealed record LatencyResult(double[] ChunkMs, double FirstMedianMs, double LastMedianMs, double MedianMs, double P90Ms, double SteadyFramesPerSecond);

    /// <summary>Process working set after a full GC, in MB, and TorchSharp's live tensor count on this thread, after
    /// <paramref name="Chunk"/> chunks.</summary>
    public sealed record RssSample(int Chunk, double Mb, long LiveTensors);

    /// <summary>RSS along one long video (samples from chunk RssEvery on) and before it started.</summary>
    public sealed record RssResult(double BeforeMb, double FirstMb, double LastMb, double MaxMb, RssSample[] Samples);

    /// <summary>Where a steady-state chunk's time goes (window full: <paramref name="KeyTokens"/> keys), each part the best of
    /// its interleaved repeats — the least-disturbed run, so the parts add up even on a shared machine, where medians do not.</summary>
    /// <remarks>ChunkMs times what the streaming loop does per chunk (write the previous chunk, sample this one, copy its
    /// pixels to the host) in one body.</remarks>
    public sealed record BreakdownResult(int Repeats, int KeyTokens, int TextTokens, double ChunkMs, double SamplerChunkMs, double SampleForwardMs, double WriteForwardMs,
        double TextEncodeMs, double GemmFloorMs, long TensorsPerForward, double MicrosecondsPerTinyOp);

    /// <summary>The first chunk of a fresh video taken apart, each part the median (and best) over
    /// <paramref name="Repeats"/> fresh prompts and scenes: text encoding, the context chunk's write merged with the first
    /// denoising step (96 tokens; the modulations of every σ are computed here, once per prompt), one of the three
    /// remaining steps.</summary>
    public sealed record FirstChunkResult(int Repeats, double EncodeMs, double MergedStepMs, double StepMs, double EncodeBestMs, double MergedStepBestMs, double StepBestMs);

    /// <summary>One sampler forward (window full) at batch <paramref name="Batch"/>: best ms unsplit on one and on two
    /// intra-op threads, and split over two cores on one thread (null on a one-core machine).</summary>
    public sealed record ThreadingRow(int Batch, long Rows, double OneThreadMs, double TwoThreadsMs, double? SplitMs);

    /// <summary>What decides generation's thread settings: forwards by batch and setting (<see cref="ThreadingRow"/>).</summary>
    public sealed record ThreadingResult(int Repeats, ThreadingRow[] Rows);

    /// <summary>Analytic FLOPs (<see cref="ExecutorFlops"/>) against the measured fp32 matmul peak.</summary>
    public sealed record FlopsResult(double PerForward, double PerFrame, IReadOnlyDictionary<int, double> MatmulGflops, double PeakGflops,
        double GenerationGflops, double FractionOfPeak, double ForwardGflops, double GemmFloorGflops);

    /// <summary>Everything measured.</summary>
    /// <remarks><paramref name="Threads"/> is the process's intra-op setting, <paramref name="GenerationThreads"/> what
    /// generation at batch 1 runs on (<see cref="TorchRuntime.ThreadsForRows"/>).</remarks>
    public sealed record Result(string Device, int Threads, int GenerationThreads, long Parameters, ExecutorConfig Config, string Prompt, StreamingResult Streaming,
        FirstChunkResult FirstChunk, LatencyResult Latency, RssResult Rss, BreakdownResult Breakdown, ThreadingResult Threading, FlopsResult Flops,
        ExecutorStepBench.Result? Train);

    /// <summary>A model of <paramref name="shape"/> with every parameter drawn from N(0, 0.02²): speed does not depend on the
    /// values, but the adaLN-zero and zero-head initialisation would make every block add exactly zero.</summary>
    public static ExecutorTransformer RandomModel(ExecutorConfig shape, long seed)
    {
        var tokenizer = WordTokenizer.CreateDefault();
        var model = new ExecutorTransformer(shape with { VocabSize = tokenizer.Count }, tokenizer, seed);
        var g = new Generator(seed: (ulong)seed + 1);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        foreach (var p in model.parameters()) p.copy_(randn(p.shape, generator: g) * 0.02);
        return model;
    }

    /// <summary>Runs every measurement on <paramref name="model"/> (on its device), in the order below.</summary>
    public static Result Run(ExecutorTransformer model, Options o, IProgress<Progress>? progress = null)
    {
        model.eval();
        var generator = new VideoGenerator(model);
        var c = model.Config;
        var rng = new Random((int)o.Seed);
        var instruction = InstructionGenerator.Generate(rng, 3);
        var steps = instruction.Events.Select(StepPrompt.Canonical).ToArray();

        // 1–5 run as `generate` does: set up for batch 1 once (one thread, rows over two cores on the CPU); the thread
        // sweep and the training step set their own.
        var streamingSettings = VideoGenerator.SmallBatchCpu(model, 1);

        // 1. Warm-up: one video long enough to fill the window and slide it (JIT, allocator, thread pool).
        int warmChunks = c.CacheFrames / c.ChunkFrames + 3;
        TimeVideo(generator, ChunkPrompts(steps, warmChunks), warmChunks * c.ChunkFrames, o.Seed, Reporter(progress, "warm-up", warmChunks),
            ExecutorClips.InitialState(instruction.Scene));

        // 2. Fresh videos, each with its own 3-step plan (the prompt switches twice): TTFC and frames/s.
        int videoChunks = generator.ChunksFor(o.VideoFrames);
        var ttfc = new double[o.Videos]; var fps = new double[o.Videos];
        var report = Reporter(progress, "fresh videos", o.Videos * videoChunks);
        for (int v = 0; v < o.Videos; v++)
        {
            // As `generate` runs: the scene's initial state is the context chunk (written before the first chunk, so timed).
            var fresh = InstructionGenerator.Generate(rng, 3);
            var plan = fresh.Events.Select(StepPrompt.Canonical).ToArray();
            var (first, total) = TimeVideo(generator, ChunkPrompts(plan, videoChunks), o.VideoFrames, o.Seed + 1 + v, report, ExecutorClips.InitialState(fresh.Scene));
            ttfc[v] = first; fps[v] = o.VideoFrames / (total / 1000);
        }
        var streaming = new StreamingResult(o.Videos, o.VideoFrames, Median(ttfc), Median(fps), ttfc, fps);
        var firstChunk = FirstChunk(model, rng, o.Videos, Reporter(progress, "first chunk, part by part", o.Videos));

        // 3. One long video under one prompt: per-chunk latency of chunks 1..n.
        var latency = ChunkLatency(generator, steps[0], o.LatencyChunks, o.Seed, Reporter(progress, "chunk latency", o.LatencyChunks + 1));

        // 4. A longer video (the prompt cycles every 50 chunks, so text conditions are freed too): RSS.
        var rss = Rss(generator, steps, o.RssChunks, o.RssEvery, o.Seed, Reporter(progress, "RSS", o.RssChunks));

        // 5. Steady-state breakdown of one chunk, then the matmul peak and FLOPs.
        var breakdown = Breakdown(model, steps[0], o.BreakdownRepeats, Reporter(progress, "breakdown", 8));
        streamingSettings.Dispose();
        var threading = Threading(model, steps[0], o.BreakdownRepeats, Reporter(progress, "threads by batch", Batches.Length));
        var peaks = new[] { 1024, o.MatmulSize }.Distinct().ToDictionary(n => n, n => MatmulGflops(n, model.Device));
        var flops = Flops(c, breakdown, latency, peaks);

        // 6. The pretraining step (allocates the most, so it runs after the RSS samples).
        ExecutorStepBench.Result? train = null;
        if (o.TrainSteps > 0)
        {
            var r = Reporter(progress, $"training step (batch {o.TrainBatch})", o.TrainWarmup + o.TrainSteps);
            train = ExecutorStepBench.Run(c, o.TrainBatch, o.TrainWarmup, o.TrainSteps, model.Device, onStep: r);
        }
        long parameters = model.parameters().Sum(p => p.numel());
        int generationThreads = TorchRuntime.ThreadsForRows(model.Device, c.TokensPerChunk) ?? get_num_threads();
        return new Result(model.Device.type.ToString().ToLowerInvariant(), get_num_threads(), generationThreads, parameters, c, steps[0], streaming, firstChunk,
            latency, rss, breakdown, threading, flops, train);
    }

    /// <summary>Per-chunk prompts of a uniform plan over <paramref name="steps"/>.</summary>
    private static IReadOnlyList<string> ChunkPrompts(string[] steps, int chunks) => VideoGenerator.ChunkPrompts(StepPlan.Uniform(steps, chunks), lookAhead: false);

    /// <summary>Streams one video; returns (ms to the first chunk, ms to the last) measured from the call.</summary>
    private static (double FirstMs, double TotalMs) TimeVideo(VideoGenerator generator, IReadOnlyList<string> prompts, int frames, long seed, Action<int>? perChunk, float[] context)
    {
        var clock = Stopwatch.StartNew();
        double first = double.NaN;
        foreach (var chunk in generator.Stream([prompts], frames, seed, SwitchMode.None, [context]))
        {
            if (double.IsNaN(first)) first = clock.Elapsed.TotalMilliseconds;
            perChunk?.Invoke(1);
        }
        return (first, clock.Elapsed.TotalMilliseconds);
    }

    private static LatencyResult ChunkLatency(VideoGenerator generator, string prompt, int chunks, long seed, Action<int>? perChunk)
    {
        int cf = generator.Model.Config.ChunkFrames;
        var prompts = Enumerable.Repeat(prompt, chunks + 1).ToArray();
        var ms = new double[chunks + 1];
        using (var e = generator.Stream([prompts], (chunks + 1) * cf, seed).GetEnumerator())
            for (int i = 0; i <= chunks; i++)
            {
                long start = Stopwatch.GetTimestamp();
                if (!e.MoveNext()) throw new InvalidOperationException($"the stream ended after {i} chunks");
                ms[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                perChunk?.Invoke(1);
            }
        var timed = ms[1..];
        int k = Math.Min(20, chunks);
        double last = Median(timed[^k..]);
        return new LatencyResult(timed, Median(timed[..k]), last, Median(timed), Quantile(timed, 0.9), cf / (last / 1000));
    }

    private static RssResult Rss(VideoGenerator generator, string[] steps, int chunks, int every, long seed, Action<int>? perChunk)
    {
        int cf = generator.Model.Config.ChunkFrames;
        var prompts = Enumerable.Range(0, chunks).Select(i => steps[i / 50 % steps.Length]).ToArray();
        double before = RssMb();
        var samples = new List<RssSample>();
        int done = 0;
        foreach (var _ in generator.Stream([prompts], chunks * cf, seed))
        {
            done++;
            if (done % every == 0 || done == chunks) samples.Add(new RssSample(done, RssMb(), DisposeScopeManager.Statistics.ThreadTotalLiveCount));
            perChunk?.Invoke(1);
        }
        return new RssResult(before, samples[0].Mb, samples[^1].Mb, samples.Max(s => s.Mb), [.. samples]);
    }

    /// <summary>The working set after a full, finalizing GC (so dead TorchSharp handles have released their tensors).</summary>
    private static double RssMb()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / (1024.0 * 1024.0);
    }

    /// <summary>The first chunk's parts, as <see cref="VideoGenerator.Stream"/> runs them, on a fresh prompt and scene each time.</summary>
    private static FirstChunkResult FirstChunk(ExecutorTransformer model, Random rng, int repeats, Action<int>? tick)
    {
        var c = model.Config;
        var device = model.Device;
        var sampler = new FewStepSampler(model);
        var noise = new Generator(seed: 11);
        var parts = new double[3][];
        for (int i = 0; i < 3; i++) parts[i] = new double[repeats];
        using var _settings = VideoGenerator.SmallBatchCpu(model, 1);
        for (int r = -2; r < repeats; r++)
        {
            var fresh = InstructionGenerator.Generate(rng, 1);
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var context = tensor(ExecutorClips.InitialState(fresh.Scene), new long[] { 1, c.ChunkFrames, 3, c.FrameSize, c.FrameSize }).to(device);
            var x = randn(new long[] { 1, c.ChunkFrames, 3, c.FrameSize, c.FrameSize }, generator: noise).to(device);
            using var cache = new KvCache(c, 1, device);
            ExecutorStepBench.Synchronize(device);
            long start = Stopwatch.GetTimestamp();
            using var text = model.EncodeText([StepPrompt.Canonical(fresh.Events[0])]);
            ExecutorStepBench.Synchronize(device);
            double encode = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            start = Stopwatch.GetTimestamp();
            model.ForwardChunkAfterCommit(context, x, sampler.Sigmas[0], text, cache);
            ExecutorStepBench.Synchronize(device);
            double merged = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            start = Stopwatch.GetTimestamp();
            for (int j = 1; j < sampler.Sigmas.Length; j++) model.ForwardChunk(x, sampler.Sigmas[j], text, cache);
            ExecutorStepBench.Synchronize(device);
            double step = Stopwatch.GetElapsedTime(start).TotalMilliseconds / (sampler.Sigmas.Length - 1);
            if (r < 0) continue;
            parts[0][r] = encode; parts[1][r] = merged; parts[2][r] = step;
            tick?.Invoke(1);
        }
        return new FirstChunkResult(repeats, Median(parts[0]), Median(parts[1]), Median(parts[2]), Best(parts[0]), Best(parts[1]), Best(parts[2]));
    }

    private static BreakdownResult Breakdown(ExecutorTransformer model, string prompt, int repeats, Action<int>? tick)
    {
        var c = model.Config;
        var device = model.Device;
        var noise = new Generator(seed: 7);
        using var outer = NewDisposeScope(); // the matmul operands below
        using var cache = new KvCache(c, 1, device);
        TextCondition text;
        using (var scope = NewDisposeScope()) text = model.EncodeText([prompt]).Detach();
        using var _text = text;
        using var x = randn(new long[] { 1, c.ChunkFrames, 3, c.FrameSize, c.FrameSize }, generator: noise).to(device).DetachFromDisposeScope();
        // Fill the cache to sink + window (one more write than fits, so the window has slid once): the steady state.
        for (int f = 0; f <= c.CacheFrames; f += c.ChunkFrames) model.WriteChunk(x, text, cache);
        int keys = cache.StoredTokens + c.TokensPerChunk, textTokens = model.Tokenize(prompt).Length;
        var sampler = new FewStepSampler(model);
        double sigma = sampler.Sigmas[1];
        // As generation runs at batch 1 (one thread on the CPU); the thread sweep below sets its own.
        var generationThreads = VideoGenerator.SmallBatchCpu(model, 1);

        var gemms = ExecutorFlops.ChunkForward(c, c.TokensPerChunk, keys, textTokens)
            .Select(g => (A: randn(new[] { g.Count, g.M, g.K }, device: device), B: randn(new[] { g.Count, g.K, g.N }, device: device))).ToArray();
        // Interleaved (they share the weights, as in streaming), so a burst of load from other processes hits every part alike;
        // the best run of each part is kept.
        var ms = Time(repeats, device, Best,
            () =>
            {
                model.WriteChunk(x, text, cache); // the previous chunk's t = 0 re-run; keeps the cache full (it slides)
                var y = sampler.SampleChunk(text, cache, noise, record: false, out _);
                _ = y.cpu().contiguous().data<float>().ToArray();
            },
            () => sampler.SampleChunk(text, cache, noise, record: false, out _),
            () => model.ForwardChunk(x, sigma, text, cache),
            () => model.WriteChunk(x, text, cache));
        tick?.Invoke(4);
        // The forward's matmuls alone, its shapes, its order — apart: its own operands would evict the weights from the cache.
        double floor = Time(repeats, device, Best, () => { foreach (var (a, b) in gemms) a.matmul(b); })[0]; tick?.Invoke(1);
        double encode = Time(repeats, device, Best, () => model.EncodeText([prompt]))[0]; tick?.Invoke(1);
        generationThreads.Dispose();
        tick?.Invoke(1);
        long created = TensorsCreated(() => model.ForwardChunk(x, sigma, text, cache));
        double tinyOp = TinyOpMicroseconds(device); tick?.Invoke(1);
        return new BreakdownResult(repeats, keys, textTokens, ms[0], ms[1], ms[2], ms[3], encode, floor, created, tinyOp);
    }

    private static readonly int[] Batches = [1, 2, 4, 8, 16, 32];

    private static ThreadingResult Threading(ExecutorTransformer model, string prompt, int repeats, Action<int>? tick)
    {
        var c = model.Config;
        var device = model.Device;
        int threads = get_num_threads(), workers = model.RowWorkers;
        bool canSplit = device.type == DeviceType.CPU && Environment.ProcessorCount >= 2;
        var rows = new List<ThreadingRow>();
        try
        {
            foreach (int batch in Batches)
            {
                using var cache = new KvCache(c, batch, device);
                TextCondition text;
                using (var scope = NewDisposeScope()) text = model.EncodeText(Enumerable.Repeat(prompt, batch).ToArray()).Detach();
                using var _text = text;
                using var x = randn(new long[] { batch, c.ChunkFrames, 3, c.FrameSize, c.FrameSize }, generator: new Generator(seed: 5)).to(device).DetachFromDisposeScope();
                for (int f = 0; f <= c.CacheFrames; f += c.ChunkFrames) model.WriteChunk(x, text, cache);
                double sigma = new FewStepSampler(model).Sigmas[1];
                void Forward() => model.ForwardChunk(x, sigma, text, cache);
                // Each setting is applied inside its body so the three take turns (a slow minute hits them alike).
                Action Setting(int t, int w) => () => { set_num_threads(t); model.RowWorkers = w; Forward(); };
                int n = Math.Max(5, repeats / batch);
                var ms = Time(n, device, Best, Setting(1, 1), Setting(2, 1), canSplit ? Setting(1, 2) : Setting(1, 1));
                rows.Add(new ThreadingRow(batch, (long)batch * c.TokensPerChunk, ms[0], ms[1], canSplit ? ms[2] : null));
                tick?.Invoke(1);
            }
        }
        finally
        {
            set_num_threads(threads);
            model.RowWorkers = workers;
        }
        return new ThreadingResult(repeats, [.. rows]);
    }

    /// <summary>ms of each body, reduced over the repeats by <paramref name="reduce"/> (3 untimed rounds first), the bodies
    /// taking turns; each run in its own dispose scope without gradients.</summary>
    private static double[] Time(int repeats, Device device, Func<double[], double> reduce, params Action[] bodies)
    {
        var ms = bodies.Select(_ => new double[repeats]).ToArray();
        for (int i = -3; i < repeats; i++)
            for (int j = 0; j < bodies.Length; j++)
            {
                ExecutorStepBench.Synchronize(device);
                long start = Stopwatch.GetTimestamp();
                using (var scope = NewDisposeScope())
                using (no_grad()) bodies[j]();
                ExecutorStepBench.Synchronize(device);
                if (i >= 0) ms[j][i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        return ms.Select(reduce).ToArray();
    }

    /// <summary>Tensor objects one forward creates (≈ the native ops it dispatches, views included).</summary>
    private static long TensorsCreated(Action body)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        long before = DisposeScopeManager.Statistics.CreatedInScopeCount;
        body();
        return DisposeScopeManager.Statistics.CreatedInScopeCount - before;
    }

    /// <summary>µs per call of a tiny op: the per-op cost (P/Invoke, dispatcher, allocation) that no FLOP count sees.</summary>
    private static double TinyOpMicroseconds(Device device)
    {
        using var a = ones(1, 8, device: device).DetachFromDisposeScope();
        using var b = ones(1, 8, device: device).DetachFromDisposeScope();
        const int calls = 1000;
        return 1000 * Time(10, device, Best, () => { for (int i = 0; i < calls; i++) a.add(b); })[0] / calls;
    }

    /// <summary>fp32 GFLOP/s of an n³ matmul (the best of 5 after 3 untimed: a peak).</summary>
    private static double MatmulGflops(int n, Device device)
    {
        using var scope = NewDisposeScope();
        var a = randn(n, n, device: device); var b = randn(n, n, device: device);
        double ms = Time(5, device, Best, () => a.matmul(b))[0];
        return 2.0 * n * n * n / (ms / 1000) / 1e9;
    }

    private static FlopsResult Flops(ExecutorConfig c, BreakdownResult b, LatencyResult latency, IReadOnlyDictionary<int, double> peaks)
    {
        double perForward = ExecutorFlops.PerForward(c, c.TokensPerChunk, b.KeyTokens, b.TextTokens);
        double perFrame = ExecutorFlops.PerFrame(c, b.TextTokens);
        double peak = peaks.Values.Max();
        double achieved = perFrame * latency.SteadyFramesPerSecond / 1e9;
        return new FlopsResult(perForward, perFrame, peaks, peak, achieved, achieved / peak,
            perForward / (b.SampleForwardMs / 1000) / 1e9, perForward / (b.GemmFloorMs / 1000) / 1e9);
    }

    private static Action<int>? Reporter(IProgress<Progress>? progress, string phase, int total)
    {
        if (progress is null) return null;
        int done = 0;
        progress.Report(new Progress(phase, 0, total));
        return n => { done += n; progress.Report(new Progress(phase, done, total)); };
    }

    private static double Median(double[] values) => Quantile(values, 0.5);

    private static double Best(double[] values) => values.Min();

    private static double Quantile(double[] values, double q) => ExecutorStepBench.Quantile([.. values.Order()], q);
}
