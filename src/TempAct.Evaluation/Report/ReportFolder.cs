using TempAct.Evaluation.Eval;
using TempAct.Models.Training;

namespace TempAct.Evaluation.Report;

/// <summary>
/// The output folder of an evaluation report (`eval`, `demo`): results.json, results.md, videos.csv, events.csv, index.html, charts/
/// and videos/.
/// A run refuses a folder that exists and is not empty (<see cref="RunExistsException"/>: the fix is --overwrite or another
/// --out), so a report never mixes with an earlier one's videos; --overwrite deletes the earlier report's files, and only
/// those, before the run starts.
/// </summary>
public static class ReportFolder
{
    /// <summary>What a report writes into its folder (files and folders).</summary>
    public static IReadOnlyList<string> Outputs { get; } =
        [EvalReport.JsonFile, EvalReport.MarkdownFile, EvalReport.VideosFile, EventsTable.File, EvalPage.IndexFile, EvalPage.ChartsFolder, EvalPage.VideosFolder];

    /// <summary>Checks <paramref name="dir"/> and, with <paramref name="overwrite"/>, clears the report files in it; changes
    /// nothing when it throws. <paramref name="option"/> names the option in the message ("--out").</summary>
    public static void Prepare(string dir, bool overwrite, string option = "--out")
    {
        if (File.Exists(dir)) throw new RunExistsException($"{option} {dir}: is a file; give a folder");
        if (!Directory.Exists(dir)) return;
        if (!overwrite)
        {
            var entries = Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).Take(4).ToList();
            if (entries.Count > 0)
                throw new RunExistsException($"{option} {dir}: the folder is not empty ({string.Join(", ", entries)}{(entries.Count == 4 ? ", …" : "")}); "
                    + "pass --overwrite to replace the report there, or choose another " + option);
            return;
        }
        foreach (var name in Outputs)
        {
            string path = Path.Combine(dir, name);
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            else if (File.Exists(path)) File.Delete(path);
        }
    }
}
