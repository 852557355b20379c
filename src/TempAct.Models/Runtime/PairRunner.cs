namespace TempAct.Models.Runtime;

/// <summary>
/// Runs two bodies at the same time, one on the calling thread and one on a long-lived helper thread — the two-core
/// machine's way to split one small forward across its cores (libtorch's own fork-join per op costs more than it saves at
/// these sizes). The bodies may meet at a <see cref="Barrier"/> of two; if one fails, the token passed to both is
/// cancelled so the other leaves its barrier instead of waiting forever, and the first failure is rethrown.
/// </summary>
public static class PairRunner
{
    private static readonly object Gate = new();
    private static readonly SemaphoreSlim Start = new(0), Done = new(0);
    private static Action? helperBody;
    private static Exception? helperError;
    private static Thread? helper;

    /// <summary>Runs <paramref name="onCaller"/> here and <paramref name="onHelper"/> on the helper thread, each with the same
    /// cancellation token (cancelled when either fails); returns when both have finished. Calls are serialised.</summary>
    public static void Run(Action<CancellationToken> onCaller, Action<CancellationToken> onHelper)
    {
        lock (Gate)
        {
            using var failed = new CancellationTokenSource();
            var token = failed.Token;
            helper ??= StartHelper();
            helperError = null;
            helperBody = () =>
            {
                try { onHelper(token); }
                catch (Exception e) { helperError = e; failed.Cancel(); }
            };
            Start.Release();
            Exception? callerError = null;
            try { onCaller(token); }
            catch (Exception e) { callerError = e; failed.Cancel(); }
            Done.Wait();
            // The helper's own error is the cause when the caller only saw the cancellation it triggered.
            var error = callerError is OperationCanceledException && helperError is not null ? helperError : callerError ?? helperError;
            if (error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }
    }

    private static Thread StartHelper()
    {
        var thread = new Thread(() =>
        {
            while (true)
            {
                Start.Wait();
                try { helperBody!(); }
                finally { Done.Release(); }
            }
        }) { IsBackground = true, Name = "tempact-pair-helper" };
        thread.Start();
        return thread;
    }
}
