namespace TempAct.World.Scenes;

/// <summary>The objects of a video at frame 0 (1 to 3, unique names).</summary>
public sealed record Scene(IReadOnlyList<SceneObject> Objects)
{
    /// <summary>Most objects a scene may hold.</summary>
    public const int MaxObjects = 3;

    /// <summary>The object with this name, or null.</summary>
    public SceneObject? Find(string name) => Objects.FirstOrDefault(o => o.Name == name);

    /// <summary>Index of the object with this name; throws when absent.</summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < Objects.Count; i++) if (Objects[i].Name == name) return i;
        throw new ArgumentException($"no object named '{name}' in the scene");
    }

    /// <inheritdoc />
    public bool Equals(Scene? other) => other is not null && Objects.SequenceEqual(other.Objects);

    /// <inheritdoc />
    public override int GetHashCode() => Objects.Aggregate(17, (h, o) => h * 31 + o.GetHashCode());
}
