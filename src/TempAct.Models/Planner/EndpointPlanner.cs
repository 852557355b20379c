using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;
using TempAct.World.Plans;

namespace TempAct.Models.Planner;

/// <summary>
/// A planner behind any OpenAI-compatible chat-completions endpoint (vLLM serving Qwen3, or `./tempact serve --planner`):
/// TempAct's template (<see cref="PlanPrompt.ForChat"/>), the same <see cref="PlanParser"/>, a per-request timeout and
/// retries with exponential backoff (the client library's policy). Inference only: no token log-probs come back.
/// </summary>
/// <remarks>
/// The request goes through the client's protocol method and the answer is read here, field by field: an endpoint that
/// answers HTTP 200 with something that is not a chat completion (not JSON, no <c>choices</c>, no message text) is as
/// unusable as one that is down, so it is a <see cref="PlannerUnavailableException"/> naming the URL and what was wrong.
/// Only the message text itself is untrusted model output, scored by <see cref="PlanParser"/>.
/// </remarks>
public sealed class EndpointPlanner : IPlanner
{
    private readonly ChatClient client;
    private readonly Uri endpoint;
    private readonly string model;
    private readonly SamplingOptions sampling;

    /// <summary>Creates a planner for <paramref name="endpoint"/> (the base URL ending in /v1) and <paramref name="model"/>.</summary>
    public EndpointPlanner(Uri endpoint, string model, SamplingOptions sampling, TimeSpan? timeout = null, int maxRetries = 3, string apiKey = "none")
    {
        sampling.Validate();
        this.endpoint = endpoint;
        this.model = model;
        this.sampling = sampling;
        var options = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            NetworkTimeout = timeout ?? TimeSpan.FromSeconds(30),
            RetryPolicy = new ClientRetryPolicy(maxRetries), // exponential backoff with jitter
        };
        client = new ChatClient(model, new ApiKeyCredential(apiKey), options);
    }

    /// <inheritdoc />
    public IReadOnlyList<PlanSample> Sample(string instruction, int? steps, int totalChunks, int count, long seed)
    {
        var (system, user) = PlanPrompt.ForChat(instruction, steps, totalChunks);
        var results = new List<PlanSample>();
        for (int i = 0; i < count; i++)
        {
            var request = new
            {
                model,
                messages = new[] { new { role = "system", content = system }, new { role = "user", content = user } },
                temperature = sampling.Temperature,
                top_p = sampling.TopP,
                max_tokens = Math.Max(256, sampling.MaxAnswerTokens * 4),
                seed = seed + i, // vLLM honours it
            };
            BinaryData body;
            try
            {
                ClientResult result = client.CompleteChat(BinaryContent.Create(BinaryData.FromObjectAsJson(request)), new RequestOptions());
                body = result.GetRawResponse().Content;
            }
            catch (Exception e) when (e is ClientResultException or HttpRequestException or TaskCanceledException or TimeoutException or InvalidOperationException or AggregateException)
            {
                throw new PlannerUnavailableException($"planner endpoint {endpoint} failed: {e.Message}", e);
            }
            string text = AnswerText(body);
            results.Add(new PlanSample([], [], [], text, PlanParser.Parse(text, totalChunks, steps, instruction)));
        }
        return results;
    }

    /// <summary>The message text of the first choice of a chat-completion body; anything else is the endpoint's fault.</summary>
    private string AnswerText(BinaryData body)
    {
        string Fail(string what) => throw new PlannerUnavailableException($"planner endpoint {endpoint} answered HTTP 200 with {what}, not a chat completion");
        JsonDocument doc;
        try { doc = JsonDocument.Parse(body.ToMemory()); }
        catch (JsonException)
        {
            string start = body.ToString();
            start = start.Length > 60 ? start[..60] + "…" : start;
            return Fail($"a body that is not JSON (starting \"{start.ReplaceLineEndings(" ")}\")");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Fail($"a JSON {root.ValueKind.ToString().ToLowerInvariant()}");
            if (root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
                return Fail($"an error object {Short(error)}");
            if (!root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array)
                return Fail("no 'choices' array");
            if (choices.GetArrayLength() == 0) return Fail("an empty 'choices' array (no answer)");
            var first = choices[0];
            if (first.ValueKind != JsonValueKind.Object || !first.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object)
                return Fail("choice 0 without a 'message' object");
            if (!message.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.String)
                return Fail("choice 0 without a string 'content'");
            try { return content.GetString()!; }
            catch (InvalidOperationException) { return Fail("choice 0 whose 'content' is not valid text"); }
        }
    }

    private static string Short(JsonElement e)
    {
        string text = e.GetRawText();
        return text.Length > 120 ? text[..120] + "…" : text;
    }
}
