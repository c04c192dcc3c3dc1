using Guohe.Domain.Common;

namespace Guohe.Tests.Domain;

public class LifecycleDocumentTests
{
    [Fact]
    public void LifecycleDocument_committed_file_matches_the_tables()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "lifecycle.md");
        var expected = LifecycleDocument.Render();
        if (Environment.GetEnvironmentVariable("GUOHE_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path), $"docs/lifecycle.md is missing; write LifecycleDocument.Render() to {path}.");
        var actual = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.True(expected == actual, "docs/lifecycle.md differs from LifecycleDocument.Render(); regenerate it with: GUOHE_UPDATE_DOCS=1 dotnet test --filter LifecycleDocument");
    }

    [Fact]
    public void LifecycleDocument_every_arrow_cites_an_article()
    {
        var arrows = LifecycleDocument.Render().Split('\n').Where(l => l.Contains("-->", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(arrows);
        Assert.All(arrows, a => Assert.Matches(@" : \w+ \(Art\. .+\)$", a));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Guohe.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Guohe.slnx not found above " + AppContext.BaseDirectory);
    }
}
