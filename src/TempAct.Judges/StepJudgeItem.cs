using TempAct.World.Events;
using TempAct.World.Rendering;

namespace TempAct.Judges;

/// <summary>
/// One input of the step-following judge: a video (at least up to the window's end), the frames of one step — the window
/// that begins at a prompt switch — and that step's prompt. Frames before the window are context: they fix the objects'
/// identities (the prompt names its subject by its frame-0 name) and the state the step starts from.
/// </summary>
/// <param name="Video">The video; frames after <see cref="Window"/> are ignored.</param>
/// <param name="Window">The step's frames [Start, End).</param>
/// <param name="Prompt">The step prompt, e.g. "red circle moves right".</param>
public sealed record StepJudgeItem(Video Video, FrameSpan Window, string Prompt);
