namespace TempAct.Judges.Http;

/// <summary>Counters of a <see cref="JudgeClient"/>, safe to read while it works: what was asked, what came back,
/// and how many items were scored 0 because no usable answer came after every retry.</summary>
public sealed class JudgeClientStats
{
    private long requests, answers, retries, timeouts, httpErrors, connectionErrors, parseFailures, fieldErrors, failures;

    /// <summary>HTTP requests sent (attempts).</summary>
    public long Requests => Interlocked.Read(ref requests);
    /// <summary>Items that got a usable answer.</summary>
    public long Answers => Interlocked.Read(ref answers);
    /// <summary>Attempts repeated after a failed one.</summary>
    public long Retries => Interlocked.Read(ref retries);
    /// <summary>Attempts that ran past the timeout.</summary>
    public long Timeouts => Interlocked.Read(ref timeouts);
    /// <summary>Attempts answered with a non-success HTTP status.</summary>
    public long HttpErrors => Interlocked.Read(ref httpErrors);
    /// <summary>Attempts that could not connect.</summary>
    public long ConnectionErrors => Interlocked.Read(ref connectionErrors);
    /// <summary>Answers holding no JSON object.</summary>
    public long ParseFailures => Interlocked.Read(ref parseFailures);
    /// <summary>Answers whose JSON lacked a field or had a value that is not a number in [0, 1].</summary>
    public long FieldErrors => Interlocked.Read(ref fieldErrors);
    /// <summary>Items scored 0 after every attempt failed.</summary>
    public long Failures => Interlocked.Read(ref failures);

    internal void Request() => Interlocked.Increment(ref requests);
    internal void Answer() => Interlocked.Increment(ref answers);
    internal void Retry() => Interlocked.Increment(ref retries);
    internal void Timeout() => Interlocked.Increment(ref timeouts);
    internal void HttpError() => Interlocked.Increment(ref httpErrors);
    internal void ConnectionError() => Interlocked.Increment(ref connectionErrors);
    internal void ParseFailure() => Interlocked.Increment(ref parseFailures);
    internal void FieldError() => Interlocked.Increment(ref fieldErrors);
    internal void Failure() => Interlocked.Increment(ref failures);

    /// <inheritdoc />
    public override string ToString() =>
        $"requests {Requests}, answers {Answers}, retries {Retries}, timeouts {Timeouts}, http errors {HttpErrors}, "
        + $"connection errors {ConnectionErrors}, no JSON {ParseFailures}, wrong fields {FieldErrors}, scored 0: {Failures}";
}
