using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;
using OpenAI.Chat;
using TempAct.World.Plans;

namespace TempAct.Models.Planner;

/// <summary>
/// A planner behind any OpenAI-compatible chat-completions endpoint (vLLM serving Qwen3, or `./tempact serve --planner`):
/// TempAct's template (<see cref="PlanPrompt.ForChat"/>), the same <see cref="PlanParser"/>, a per-request timeout and
/// retries with exponential backoff (the client library's policy). Inference only: no token log-probs come back.
/// </summary>
public sealed class EndpointPlanner : IPlanner
{
    private readonly ChatClient client;
    private readonly Uri endpoint;
    private readonly SamplingOptions sampling;

    /// <summary>Creates a planner for <paramref name="endpoint"/> (the base URL ending in /v1) and <paramref name="model"/>.</summary>
    public EndpointPlanner(Uri endpoint, string model, SamplingOptions sampling, TimeSpan? timeout = null, int maxRetries = 3, string apiKey = "none")
    {
        this.endpoint = endpoint;
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
        var messages = new ChatMessage[] { new SystemChatMessage(system), new UserChatMessage(user) };
        var results = new List<PlanSample>();
        for (int i = 0; i < count; i++)
        {
            var options = new ChatCompletionOptions
            {
                Temperature = (float)sampling.Temperature,
                TopP = (float)sampling.TopP,
                MaxOutputTokenCount = Math.Max(256, sampling.MaxAnswerTokens * 4),
#pragma warning disable OPENAI001 // Seed is marked experimental in the library; vLLM honours it.
                Seed = seed + i,
#pragma warning restore OPENAI001
            };
            string text;
            try
            {
                ChatCompletion completion = client.CompleteChat(messages, options);
                text = string.Concat(completion.Content.Select(c => c.Text));
            }
            catch (Exception e) when (e is ClientResultException or HttpRequestException or TaskCanceledException or TimeoutException or InvalidOperationException or AggregateException)
            {
                throw new PlannerUnavailableException($"planner endpoint {endpoint} failed: {e.Message}", e);
            }
            results.Add(new PlanSample([], [], [], text, PlanParser.Parse(text, totalChunks, steps, instruction)));
        }
        return results;
    }
}
