using System.Net;

namespace TempAct.Judges.Server;

/// <summary>Where and how the judge server listens, and what it accepts. Images are bounded separately, from their
/// headers before decoding, by <see cref="TempAct.World.Media.ImageLimits.Server"/>.</summary>
/// <param name="Host">Address to bind: loopback unless told otherwise, since the server has no authentication.</param>
/// <param name="Port">TCP port; 0 picks a free one (see <see cref="JudgeServer.BaseAddress"/>). vLLM's default is 8000.</param>
/// <param name="MaxRequestBytes">Largest request body accepted (413 beyond it): a frame at the client's 4× JPEG is about
/// 2.3 kB as a data URL, so 8 MB holds the 1,024 frames the image limits allow with room to spare.</param>
/// <param name="ShutdownTimeout">How long a graceful stop waits for requests in flight.</param>
/// <param name="MaxChoices">Largest <c>n</c> (choices per completion) accepted; 400 beyond. 16 covers the planner's
/// groups of G plans.</param>
/// <param name="MaxConcurrentCompletions">Completions worked on at once; the rest wait in a queue. Bounds the memory that
/// many simultaneous large requests can take.</param>
/// <param name="MaxQueuedCompletions">Completions that may wait for a slot; beyond, 429 rate_limit_exceeded (OpenAI
/// clients retry it with backoff).</param>
public sealed record JudgeServerOptions(
    string Host = "127.0.0.1",
    int Port = 8000,
    long MaxRequestBytes = 8 << 20,
    TimeSpan? ShutdownTimeout = null,
    int MaxChoices = 16,
    int MaxConcurrentCompletions = 8,
    int MaxQueuedCompletions = 256)
{
    /// <summary>The address to bind; "localhost" means loopback. <see cref="ArgumentException"/> for anything else that
    /// is not an IP address.</summary>
    public IPAddress Address() =>
        Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
        : IPAddress.TryParse(Host, out var ip) ? ip
        : throw new ArgumentException($"--host must be an IP address or 'localhost', got '{Host}'");

    /// <summary>True when the server is reachable from other machines.</summary>
    public bool IsPublic => !IPAddress.IsLoopback(Address());

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad field.</summary>
    public JudgeServerOptions Validate()
    {
        Address();
        if (Port is < 0 or > 65535) throw new ArgumentException($"port must be 0..65535, got {Port}");
        if (MaxRequestBytes < 1024) throw new ArgumentException($"the request size limit must be at least 1 kB, got {MaxRequestBytes} bytes");
        if (ShutdownTimeout is { } t && t < TimeSpan.Zero) throw new ArgumentException($"shutdown timeout must be ≥ 0, got {t}");
        if (MaxChoices < 1) throw new ArgumentException($"{nameof(MaxChoices)} must be at least 1, got {MaxChoices}");
        if (MaxConcurrentCompletions < 1) throw new ArgumentException($"{nameof(MaxConcurrentCompletions)} must be at least 1, got {MaxConcurrentCompletions}");
        if (MaxQueuedCompletions < 0) throw new ArgumentException($"{nameof(MaxQueuedCompletions)} must be ≥ 0, got {MaxQueuedCompletions}");
        return this;
    }
}
