using static TorchSharp.torch;

namespace TempAct.Models.Executor;

/// <summary>The teacher-forced forward's attention layout over [clean chunks | noisy chunks]: noisy chunk i sees clean
/// chunks &lt; i and itself, clean chunk i sees clean chunks ≤ i — what the KV cache shows at inference.</summary>
public static class TeacherForcedMask
{
    /// <summary>Bool mask [2N, 2N] (true = attend) for <paramref name="frames"/> frames of <paramref name="config"/>'s shape.</summary>
    public static Tensor Build(ExecutorConfig config, int frames, Device device)
    {
        int tpc = config.TokensPerChunk, chunks = frames / config.ChunkFrames, n = chunks * tpc;
        var m = new bool[2 * n * 2 * n];
        for (int qi = 0; qi < 2 * n; qi++)
        {
            bool qNoisy = qi >= n;
            int qc = (qNoisy ? qi - n : qi) / tpc;
            for (int ki = 0; ki < 2 * n; ki++)
            {
                bool kNoisy = ki >= n;
                int kc = (kNoisy ? ki - n : ki) / tpc;
                m[qi * 2 * n + ki] = qNoisy ? (kNoisy ? kc == qc : kc < qc) : (!kNoisy && kc <= qc);
            }
        }
        return tensor(m, new long[] { 2 * n, 2 * n }, device: device);
    }
}
