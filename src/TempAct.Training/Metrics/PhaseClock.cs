using System.Diagnostics;
using static TorchSharp.torch;

namespace TempAct.Training.Metrics;

/// <summary>Seconds per phase of an epoch (planning, prefix, continuations, judging, update, …). On CUDA each lap waits
/// for the device first (one synchronisation per phase, never per video), so the time lands in the phase that spent it.</summary>
public sealed class PhaseClock(Device device)
{
    private readonly Stopwatch watch = Stopwatch.StartNew();
    private readonly Dictionary<string, double> seconds = [];
    private double last;

    /// <summary>Adds the time since the previous lap (or the start) to <paramref name="phase"/>.</summary>
    public void Lap(string phase)
    {
        if (device.type == TorchSharp.DeviceType.CUDA) cuda.synchronize(device);
        double now = watch.Elapsed.TotalSeconds;
        seconds[phase] = seconds.GetValueOrDefault(phase) + now - last;
        last = now;
    }

    /// <summary>Seconds spent in <paramref name="phase"/> so far (0 if none).</summary>
    public double this[string phase] => seconds.GetValueOrDefault(phase);

    /// <summary>Seconds since the clock started.</summary>
    public double Total => watch.Elapsed.TotalSeconds;
}
