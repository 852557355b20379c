using TempAct.World.Serialization;

namespace TempAct.World.Tests.Serialization;

/// <summary>Output files appear whole or not at all.</summary>
public sealed class AtomicFileTests
{
    [Fact]
    public void FinalPath_KeepsItsOldContent_UntilCommit_AndAfterAnAbandonedWrite()
    {
        string dir = Directory.CreateTempSubdirectory("tempact-atomic").FullName;
        try
        {
            string path = Path.Combine(dir, "sub", "out.gif");
            using (var first = AtomicFile.Create(path))
            {
                first.Stream.Write("old"u8);
                Assert.False(File.Exists(path)); // nothing at the final path while writing
                first.Commit();
            }
            Assert.Equal("old", File.ReadAllText(path));

            using (var second = AtomicFile.Create(path))
                second.Stream.Write("half-written"u8); // abandoned: no commit
            Assert.Equal("old", File.ReadAllText(path));
            Assert.Equal(["out.gif"], Directory.GetFiles(Path.Combine(dir, "sub")).Select(Path.GetFileName)); // the temporary file is gone
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void AFolder_OrAPathUnderAFile_FailsAtCreate()
    {
        string dir = Directory.CreateTempSubdirectory("tempact-atomic").FullName;
        try
        {
            Assert.Contains("is a folder", Assert.Throws<IOException>(() => AtomicFile.Create(dir)).Message);
            string file = Path.Combine(dir, "plain");
            File.WriteAllText(file, "x");
            Assert.ThrowsAny<IOException>(() => AtomicFile.Create(Path.Combine(file, "out.gif")));
        }
        finally { Directory.Delete(dir, true); }
    }
}
