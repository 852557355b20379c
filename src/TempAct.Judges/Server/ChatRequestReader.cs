using System.Text.Json;
using TempAct.Judges.Http;

namespace TempAct.Judges.Server;

/// <summary>Reads an OpenAI chat-completions request body: "model", "messages" (content as a string or as text and
/// image_url parts), and the sampling fields a served model may use. <see cref="FormatException"/> says what is wrong.</summary>
internal static class ChatRequestReader
{
    /// <summary>The requested model name and the prompt.</summary>
    public static (string Model, bool Stream, ChatPrompt Prompt) Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object) throw new FormatException("the request body must be a JSON object");
        string model = body.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : throw new FormatException("missing \"model\"");
        if (!body.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
            throw new FormatException("\"messages\" must be a non-empty array");
        var turns = new List<ChatTurn>();
        int index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            string role = message.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : throw new FormatException($"message {index} has no \"role\"");
            var texts = new List<string>();
            var images = new List<byte[]>();
            if (message.TryGetProperty("content", out var content))
            {
                if (content.ValueKind == JsonValueKind.String) texts.Add(content.GetString()!);
                else if (content.ValueKind == JsonValueKind.Array)
                    foreach (var part in content.EnumerateArray()) ReadPart(part, index, texts, images);
                else if (content.ValueKind != JsonValueKind.Null) throw new FormatException($"message {index}: \"content\" must be a string or an array of parts");
            }
            turns.Add(new ChatTurn(role, string.Join("\n", texts), images));
            index++;
        }
        bool stream = body.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        double? temperature = body.TryGetProperty("temperature", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetDouble() : null;
        int? maxTokens = Int(body, "max_completion_tokens") ?? Int(body, "max_tokens");
        long? seed = body.TryGetProperty("seed", out var sd) && sd.ValueKind == JsonValueKind.Number && sd.TryGetInt64(out var sv) ? sv : null;
        return (model, stream, new ChatPrompt(turns, temperature, maxTokens, seed));
    }

    private static void ReadPart(JsonElement part, int index, List<string> texts, List<byte[]> images)
    {
        string type = part.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : throw new FormatException($"message {index}: a content part has no \"type\"");
        switch (type)
        {
            case "text":
                texts.Add(part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString()! : throw new FormatException($"message {index}: a text part has no \"text\""));
                break;
            case "image_url":
                var url = part.TryGetProperty("image_url", out var iu) && iu.ValueKind == JsonValueKind.Object && iu.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String
                    ? u.GetString()! : throw new FormatException($"message {index}: an image_url part has no \"image_url\": {{\"url\": …}}");
                try { images.Add(JpegFrames.FromDataUrl(url)); }
                catch (InvalidDataException e) { throw new FormatException($"message {index}: {e.Message}", e); }
                break;
            default:
                throw new FormatException($"message {index}: content part type '{type}' is not supported (text, image_url)");
        }
    }

    private static int? Int(JsonElement body, string name) =>
        body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;
}
