namespace TempAct.World.Serialization;

/// <summary>
/// An output file written under a temporary name beside its final path and renamed onto it by <see cref="Commit"/>:
/// until then the final path keeps its old content (or stays absent), so a killed or failed writer never leaves a
/// truncated file there. Disposing without committing deletes the temporary file.
/// </summary>
/// <remarks>The temporary file sits in the same folder (a rename within one file system is atomic on POSIX) and is
/// hidden: ".NAME.RANDOM.tmp". <see cref="Create"/> opens it at once, so an unwritable or impossible path fails before
/// any work is done.</remarks>
public sealed class AtomicFile : IDisposable
{
    private FileStream? stream;
    private bool committed;

    private AtomicFile(string path, string tempPath, FileStream stream)
    {
        FinalPath = path; TempPath = tempPath; this.stream = stream;
    }

    /// <summary>Where the file goes on <see cref="Commit"/>.</summary>
    public string FinalPath { get; }

    /// <summary>The temporary file being written.</summary>
    public string TempPath { get; }

    /// <summary>The stream to write to (open until <see cref="Commit"/> or <see cref="Dispose"/>).</summary>
    public Stream Stream => stream ?? throw new ObjectDisposedException(nameof(AtomicFile));

    /// <summary>Creates the folder if needed and opens a temporary file beside <paramref name="path"/>.</summary>
    /// <exception cref="IOException">when <paramref name="path"/> is an existing folder, or the folder or file cannot be
    /// created (<see cref="UnauthorizedAccessException"/> when permission is denied).</exception>
    public static AtomicFile Create(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new IOException($"{path} is a folder; give a file path");
        string name = Path.GetFileName(full);
        if (name.Length == 0) throw new IOException($"{path} names no file");
        string dir = Path.GetDirectoryName(full) ?? throw new IOException($"{path} has no folder");
        Directory.CreateDirectory(dir);
        string temp = Path.Combine(dir, $".{name}.{Guid.NewGuid().ToString("N")[..8]}.tmp");
        var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        return new AtomicFile(full, temp, stream);
    }

    /// <summary>Writes a whole file through <paramref name="write"/> under a temporary name, then renames it onto
    /// <paramref name="path"/>; if <paramref name="write"/> throws, the final path keeps what it had.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        using var file = Create(path);
        write(file.Stream);
        file.Commit();
    }

    /// <summary>Writes UTF-8 text atomically (see <see cref="Write"/>).</summary>
    public static void WriteAllText(string path, string text) =>
        Write(path, s => { using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false), leaveOpen: true); w.Write(text); });

    /// <summary>Writes lines ("\n"-terminated) atomically (see <see cref="Write"/>).</summary>
    public static void WriteAllLines(string path, IEnumerable<string> lines) =>
        Write(path, s =>
        {
            using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
            foreach (var line in lines) w.WriteLine(line);
        });

    /// <summary>Flushes to disk, closes and renames the temporary file onto the final path (replacing what was there).</summary>
    public void Commit()
    {
        var s = stream ?? throw new ObjectDisposedException(nameof(AtomicFile));
        s.Flush(flushToDisk: true);
        s.Dispose();
        stream = null;
        File.Move(TempPath, FinalPath, overwrite: true);
        committed = true;
    }

    /// <summary>Closes the stream; without a <see cref="Commit"/> the temporary file is deleted and the final path is untouched.</summary>
    public void Dispose()
    {
        stream?.Dispose();
        stream = null;
        if (!committed)
            try { File.Delete(TempPath); }
            catch (IOException) { } // best effort: a leftover hidden .tmp file is harmless
            catch (UnauthorizedAccessException) { }
    }
}
