using System.Net;

namespace TempAct.Studio;

/// <summary>Limits and defaults of the studio.</summary>
/// <param name="Host">Address to listen on: an IP address or "localhost" (loopback unless told otherwise).</param>
/// <param name="Port">TCP port (0: any free port).</param>
/// <param name="MaxStreams">Videos generated at once; a side-by-side run counts as two. A start beyond it is answered
/// "busy" at once.</param>
/// <param name="MaxFrames">Longest video a run may ask for (frames).</param>
/// <param name="GifMaxFrames">Frames kept for the GIF download (the first ones; later frames stream but are not kept, so
/// memory stays flat however long the stream).</param>
/// <param name="TrackerSegmentFrames">The live tracker restarts every this many frames (memory stays flat; an event
/// that straddles a restart may be missed).</param>
/// <param name="PlanSamples">Plans sampled when the first one is not usable; the first usable one is taken, else the rule teacher's plan.</param>
/// <param name="MaxBacklog">Messages a client may have unread before its stream waits for it (no frame is dropped, no
/// memory piles up behind a slow client).</param>
/// <param name="MaxMessageBytes">Largest message a client may send.</param>
/// <param name="ClientTimeoutOrDefault">A client that leaves its messages unread this long is treated as gone: its run stops and
/// frees its slots and tensors (null: 60 s).</param>
public sealed record StudioOptions(
    string Host = "127.0.0.1",
    int Port = 8080,
    int MaxStreams = 3,
    int MaxFrames = 100_000,
    int GifMaxFrames = 1_800,
    int TrackerSegmentFrames = 600,
    int PlanSamples = 3,
    int MaxBacklog = 48,
    int MaxMessageBytes = 64 * 1024,
    TimeSpan? ClientTimeoutOrDefault = null)
{
    /// <summary>The client timeout in force.</summary>
    public TimeSpan ClientTimeout => ClientTimeoutOrDefault ?? TimeSpan.FromSeconds(60);

    /// <summary>The listening address.</summary>
    public IPAddress Address() =>
        Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
        : IPAddress.TryParse(Host, out var ip) ? ip
        : throw new ArgumentException($"--host must be an IP address or 'localhost', got '{Host}'");

    /// <summary>True when the address is reachable from other machines.</summary>
    public bool IsPublic => !IPAddress.IsLoopback(Address());

    /// <summary>Checks every field; <see cref="ArgumentException"/> naming the first bad one.</summary>
    public StudioOptions Validate()
    {
        Address();
        if (Port is < 0 or > 65535) throw new ArgumentException($"--port must be 0..65535, got {Port}");
        if (MaxStreams < 1) throw new ArgumentException($"--max-streams must be at least 1, got {MaxStreams}");
        if (MaxFrames < 3) throw new ArgumentException($"{nameof(MaxFrames)} must be at least 3, got {MaxFrames}");
        if (GifMaxFrames < 1) throw new ArgumentException($"{nameof(GifMaxFrames)} must be at least 1, got {GifMaxFrames}");
        if (TrackerSegmentFrames < 24) throw new ArgumentException($"{nameof(TrackerSegmentFrames)} must be at least 24, got {TrackerSegmentFrames}");
        if (PlanSamples < 1) throw new ArgumentException($"{nameof(PlanSamples)} must be at least 1, got {PlanSamples}");
        if (MaxBacklog < 4) throw new ArgumentException($"{nameof(MaxBacklog)} must be at least 4, got {MaxBacklog}");
        if (ClientTimeout <= TimeSpan.Zero) throw new ArgumentException($"the client timeout must be positive, got {ClientTimeout}");
        if (MaxMessageBytes < 1024) throw new ArgumentException($"{nameof(MaxMessageBytes)} must be at least 1024, got {MaxMessageBytes}");
        return this;
    }
}
