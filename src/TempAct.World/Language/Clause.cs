namespace TempAct.World.Language;

/// <summary>One clause as read, before its subject is resolved: who (as written), the action phrase, pace and count.</summary>
/// <param name="Subject">How the subject was written.</param>
/// <param name="Action">The action phrase.</param>
/// <param name="Slow">True when a pace word made it slow.</param>
/// <param name="Count">How many times it happens.</param>
/// <param name="Verb">The verb's first word.</param>
/// <param name="CountToken">The count's first word, when there is one.</param>
/// <param name="Statement">The clause as written.</param>
/// <param name="Gerund">True for a subject-less "-ing" clause ("after jumping"), whose subject is its main clause's.</param>
/// <param name="Repeated">True when a repetition word ("again", "once more") says it happens anew.</param>
internal sealed record Clause(SubjectWords Subject, LexiconPhrase Action, bool Slow, int Count, Token Verb, Token? CountToken, string Statement,
    bool Gerund, bool Repeated);
