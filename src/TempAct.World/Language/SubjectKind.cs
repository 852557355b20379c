namespace TempAct.World.Language;

/// <summary>The ways a clause can name its subject.</summary>
internal enum SubjectKind { None, Pronoun, Generic, Named }
