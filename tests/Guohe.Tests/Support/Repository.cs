namespace Guohe.Tests.Support;

public static class Repository
{
    /// <summary>The repository root: the folder holding Guohe.slnx, found upwards from the test binaries.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Guohe.slnx")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("Guohe.slnx not found above " + AppContext.BaseDirectory);
    }
}
