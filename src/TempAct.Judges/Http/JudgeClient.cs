using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;

namespace TempAct.Judges.Http;

/// <summary>
/// Calls OpenAI-compatible chat-completions endpoints with the OpenAI .NET library and turns answers into values: round
/// robin over the endpoints, at most <see cref="JudgeClientOptions.MaxConcurrency"/> requests in flight, a timeout per
/// attempt, and retries with exponential backoff after a timeout, a 5xx/408/429 status, an answer without JSON, or JSON
/// with wrong fields. An item that never gets a usable answer is reported as a failure (the judges score it 0) and
/// counted in <see cref="Stats"/>; only when no attempt could even connect is a <see cref="JudgeUnavailableException"/>
/// raised. The library's own retries are off, so every attempt is ours and counted.
/// </summary>
public sealed class JudgeClient : IDisposable
{
    private readonly ChatClient[] clients;
    private readonly SemaphoreSlim inFlight;
    private int next = -1;

    /// <summary>Creates a client; the options are validated here.</summary>
    public JudgeClient(JudgeClientOptions options)
    {
        Options = options.Validate();
        clients = options.Endpoints.Select(url => new ChatClient(options.Model, new ApiKeyCredential(options.ApiKey), new OpenAIClientOptions
        {
            Endpoint = new Uri(url),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = options.Timeout + TimeSpan.FromSeconds(5), // our per-attempt timeout fires first
        })).ToArray();
        inFlight = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
    }

    /// <summary>The options in use.</summary>
    public JudgeClientOptions Options { get; }

    /// <summary>What has been asked and answered so far.</summary>
    public JudgeClientStats Stats { get; } = new();

    /// <summary>
    /// Asks until <paramref name="read"/> accepts the answer's JSON: returns its value, or null and the last problem when
    /// every attempt failed.
    /// </summary>
    /// <param name="messages">The chat messages (rebuilt per attempt by the library; not mutated).</param>
    /// <param name="read">Reads the answer's JSON object: a value, or the problem with it.</param>
    /// <param name="cancellation">Cancels the whole request (not counted as a timeout).</param>
    public async Task<(T? Value, string? Problem)> AskAsync<T>(IReadOnlyList<ChatMessage> messages,
        Func<JsonElement, (T? Value, string? Problem)> read, CancellationToken cancellation = default) where T : class
    {
        string problem = "no attempt made";
        int connectionFailures = 0;
        Exception? lastConnectionError = null;
        for (int attempt = 1; attempt <= Options.MaxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                Stats.Retry();
                await Task.Delay(Options.Backoff * Math.Pow(2, attempt - 2), cancellation).ConfigureAwait(false);
            }
            var client = clients[(Interlocked.Increment(ref next) & int.MaxValue) % clients.Length];
            bool retryable = true;
            await inFlight.WaitAsync(cancellation).ConfigureAwait(false);
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
                timeout.CancelAfter(Options.Timeout);
                Stats.Request();
                var options = new ChatCompletionOptions { Temperature = Options.Temperature, MaxOutputTokenCount = Options.MaxOutputTokens };
                var completion = await client.CompleteChatAsync(messages, options, timeout.Token).ConfigureAwait(false);
                string text = string.Concat(completion.Value.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text));
                using var json = JsonAnswerExtractor.Extract(text);
                if (json is null)
                {
                    Stats.ParseFailure();
                    problem = $"the answer holds no JSON object: \"{Truncate(text)}\"";
                    continue;
                }
                var (value, why) = read(json.RootElement);
                if (value is not null)
                {
                    Stats.Answer();
                    return (value, null);
                }
                Stats.FieldError();
                problem = $"wrong fields in the answer ({why}): {Truncate(json.RootElement.GetRawText())}";
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                Stats.Timeout();
                problem = $"no answer within {Options.Timeout.TotalSeconds:0.###} s";
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException)
            {
                Stats.ParseFailure(); // a 200 whose body is not a chat completion (an HTML page, a truncated body)
                problem = $"the response is not a chat completion ({e.GetType().Name}: {Truncate(e.Message)})";
            }
            catch (ClientResultException e) when (e.Status != 0)
            {
                Stats.HttpError();
                problem = $"HTTP {e.Status}: {Truncate(e.Message)}";
                retryable = e.Status >= 500 || e.Status is 408 or 429;
            }
            catch (Exception e) when (e is ClientResultException or HttpRequestException)
            {
                Stats.ConnectionError();
                connectionFailures++;
                lastConnectionError = e;
                problem = $"cannot connect: {Truncate(e.Message)}";
            }
            finally
            {
                inFlight.Release();
            }
            if (!retryable) break;
        }
        if (connectionFailures == Options.MaxAttempts)
            throw new JudgeUnavailableException(
                $"no judge endpoint answered ({string.Join(", ", Options.Endpoints)}): {problem}; is `./tempact serve` (or vLLM) running there?",
                lastConnectionError);
        Stats.Failure();
        return (null, problem);
    }

    /// <inheritdoc />
    public void Dispose() => inFlight.Dispose();

    private static string Truncate(string s) => s.Length <= 120 ? s : s[..120] + "…";
}
