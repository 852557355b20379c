namespace TempAct.Judges;

/// <summary>An item a judge cannot score by construction: a video too short for its instruction's events, or a step
/// window outside the video. The message names the item and the problem.</summary>
public sealed class JudgeInputException(string message) : Exception(message);
