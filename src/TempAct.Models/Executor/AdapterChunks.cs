namespace TempAct.Models.Executor;

/// <summary>Which forwards of a LoRA-adapted executor the adapters act on.</summary>
public enum AdapterChunks
{
    /// <summary>Every forward: denoising, cache writes, re-caches and text encodings (TempAct's release).</summary>
    All,

    /// <summary>Only the denoising forwards of a video's first chunk under a new prompt — the chunk RL trains. Text
    /// encodings, cache writes, re-caches and every other chunk run the base weights, so the adapters change nothing but
    /// the chunks right after a switch.</summary>
    Switch,
}
