using System.Text.Json;
using TempAct.Judges.Http;
using TempAct.World.Media;

namespace TempAct.Judges.Server;

/// <summary>Reads an OpenAI chat-completions request body: "model", "messages" (content as a string or as text and
/// image_url parts), "n" and the sampling fields a served model may use. Every image's header is checked against
/// <see cref="ImageLimits.Server"/> as it is read, over the whole request, before any model decodes a pixel.
/// <see cref="ChatRequestException"/> says what is wrong.</summary>
internal static class ChatRequestReader
{
    /// <summary>The request; <paramref name="maxChoices"/> bounds "n".</summary>
    public static ChatRequest Read(JsonElement body, int maxChoices)
    {
        if (body.ValueKind != JsonValueKind.Object) throw new ChatRequestException("the request body must be a JSON object");
        string model = body.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? Text(m, "\"model\"") : throw new ChatRequestException("missing \"model\"", "model");
        if (!body.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
            throw new ChatRequestException("\"messages\" must be a non-empty array", "messages");
        var budget = new ImageBudget(ImageLimits.Server);
        var turns = new List<ChatTurn>();
        int index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            string role = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String
                ? Text(r, $"message {index}'s \"role\"") : throw new ChatRequestException($"message {index} has no \"role\"", "messages");
            var texts = new List<string>();
            var images = new List<byte[]>();
            if (message.TryGetProperty("content", out var content))
            {
                if (content.ValueKind == JsonValueKind.String) texts.Add(Text(content, $"message {index}'s \"content\""));
                else if (content.ValueKind == JsonValueKind.Array)
                    foreach (var part in content.EnumerateArray()) ReadPart(part, index, texts, images, budget);
                else if (content.ValueKind != JsonValueKind.Null) throw new ChatRequestException($"message {index}: \"content\" must be a string or an array of parts", "messages");
            }
            turns.Add(new ChatTurn(role, string.Join("\n", texts), images));
            index++;
        }
        bool stream = body.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        double? temperature = body.TryGetProperty("temperature", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetDouble() : null;
        int? maxTokens = Int(body, "max_completion_tokens") ?? Int(body, "max_tokens");
        long? seed = body.TryGetProperty("seed", out var sd) && sd.ValueKind == JsonValueKind.Number && sd.TryGetInt64(out var sv) ? sv : null;
        return new ChatRequest(model, stream, new ChatPrompt(turns, temperature, maxTokens, seed, Choices(body, maxChoices)));
    }

    /// <summary>OpenAI's "n": absent or null means 1; otherwise an integer in [1, <paramref name="max"/>].</summary>
    private static int Choices(JsonElement body, int max)
    {
        if (!body.TryGetProperty("n", out var n) || n.ValueKind == JsonValueKind.Null) return 1;
        if (n.ValueKind != JsonValueKind.Number || !n.TryGetInt32(out int value))
            throw new ChatRequestException($"\"n\" must be an integer from 1 to {max}, got {n.GetRawText()}", "n", "invalid_type");
        if (value < 1) throw new ChatRequestException($"\"n\" must be at least 1, got {value}", "n", "integer_below_min_value");
        if (value > max) throw new ChatRequestException($"\"n\" must be at most {max}, got {value}", "n", "integer_above_max_value");
        return value;
    }

    private static void ReadPart(JsonElement part, int index, List<string> texts, List<byte[]> images, ImageBudget budget)
    {
        string type = part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
            ? Text(t, $"message {index}'s part type") : throw new ChatRequestException($"message {index}: a content part has no \"type\"", "messages");
        switch (type)
        {
            case "text":
                texts.Add(part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? Text(text, $"message {index}'s text")
                    : throw new ChatRequestException($"message {index}: a text part has no \"text\"", "messages"));
                break;
            case "image_url":
                // 1. Count before decoding any base64: a request of a million tiny images stops at the limit.
                try { budget.CheckFrames(1, $"message {index}: image {budget.Frames}"); }
                catch (ImageLimitException) { throw new ChatRequestException($"the request holds more than {budget.Limits.MaxFrames} images; the limit is {budget.Limits.MaxFrames}", "messages", "too_many_images"); }
                var url = part.TryGetProperty("image_url", out var iu) && iu.ValueKind == JsonValueKind.Object && iu.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String
                    ? Text(u, $"message {index}'s image_url") : throw new ChatRequestException($"message {index}: an image_url part has no \"image_url\": {{\"url\": …}}", "messages");
                // 2. The header only: format, canvas, frames — charged to the request's budget, nothing decoded.
                string source = $"message {index}: image {budget.Frames}";
                try
                {
                    var bytes = JpegFrames.FromDataUrl(url);
                    budget.Charge(BoundedImageReader.Identify(new MemoryStream(bytes, writable: false), source, FrameSelection.First, 1), source);
                    images.Add(bytes);
                }
                catch (InvalidDataException e) { throw new ChatRequestException(e.Message.StartsWith(source, StringComparison.Ordinal) ? e.Message : $"{source}: {e.Message}", "messages", "invalid_image"); }
                catch (ImageLimitException e) { throw new ChatRequestException(e.Message, "messages", "image_too_large"); }
                break;
            default:
                throw new ChatRequestException($"message {index}: content part type '{type}' is not supported (text, image_url)", "messages");
        }
    }

    /// <summary>A JSON string's text; invalid UTF-8 inside it is the client's error, not the server's.</summary>
    private static string Text(JsonElement value, string what)
    {
        try { return value.GetString()!; }
        catch (InvalidOperationException e) { throw new ChatRequestException($"{what} is not valid UTF-8 ({e.Message})", null, "invalid_encoding"); }
    }

    private static int? Int(JsonElement body, string name) =>
        body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;
}
