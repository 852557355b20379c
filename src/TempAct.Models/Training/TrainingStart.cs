namespace TempAct.Models.Training;

/// <summary>How a trainer treats its output folder (the CLI's <c>--resume</c> and <c>--overwrite</c>).</summary>
public enum TrainingStart
{
    /// <summary>Start from step 0 into a folder that holds no run; a folder holding one is refused
    /// (<see cref="RunExistsException"/>).</summary>
    Fresh,
    /// <summary>Continue from the folder's last committed checkpoint, verified as one unit.</summary>
    Resume,
    /// <summary>Delete the folder's run (only the files a trainer writes) and start from step 0.</summary>
    Overwrite,
}
