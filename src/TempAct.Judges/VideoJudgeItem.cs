using TempAct.World.Language;
using TempAct.World.Rendering;

namespace TempAct.Judges;

/// <summary>One input of the full-video temporal judge: a whole generated video and the instruction it should follow.</summary>
/// <param name="Video">All frames of the video.</param>
/// <param name="Instruction">The parsed instruction (its text goes to HTTP judges, its scene and events to the oracle).</param>
public sealed record VideoJudgeItem(Video Video, Instruction Instruction);
