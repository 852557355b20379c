namespace TempAct.Cli;

/// <summary>Finds shipped files (models/, data/) whether the CLI runs from the repository or from a bundle.</summary>
public static class RepoPaths
{
    /// <summary>The first folder at or above the working directory, then above the executable, that holds <paramref name="relative"/>.</summary>
    public static string Find(string relative)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, relative);
                if (Directory.Exists(candidate) || File.Exists(candidate)) return candidate;
            }
        throw new FileNotFoundException($"{relative}: not found above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}");
    }
}
