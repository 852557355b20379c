namespace TempAct.Judges.Server;

/// <summary>One message of a chat request as a served model sees it: its role, its text parts joined by newlines, and
/// its images (the decoded bytes of its <c>image_url</c> data URLs, in order).</summary>
/// <param name="Role">"system", "user" or "assistant".</param>
/// <param name="Text">The text parts, joined by "\n".</param>
/// <param name="Images">The images' bytes (JPEG, PNG …).</param>
public sealed record ChatTurn(string Role, string Text, IReadOnlyList<byte[]> Images);
