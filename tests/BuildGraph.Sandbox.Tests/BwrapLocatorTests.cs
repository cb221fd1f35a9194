namespace BuildGraph.Sandbox.Tests;

public sealed class BwrapLocatorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("bgx-locator-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Find_NotOnPath_Null()
    {
        Assert.Null(BwrapLocator.Find(_directory));
        Assert.Null(BwrapLocator.Find(null));
    }

    [Fact]
    public void Find_NotExecutable_Skipped()
    {
        File.WriteAllText(Path.Combine(_directory, "bwrap"), "");

        Assert.Null(BwrapLocator.Find(_directory));
    }

    [Fact]
    public void Find_ExecutableOnPath_FirstOne()
    {
        var second = Directory.CreateDirectory(Path.Combine(_directory, "second")).FullName;
        foreach (var directory in new[] { _directory, second })
        {
            var file = Path.Combine(directory, "bwrap");
            File.WriteAllText(file, "");
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        Assert.Equal(Path.Combine(_directory, "bwrap"), BwrapLocator.Find($"relative:{_directory}:{second}"));
    }
}
