namespace Guohe.Bench;

/// <summary>Import of 1,000 organisations from a spreadsheet (QUALITY.md: ≤ 2 s, all or nothing).</summary>
public static class ImportBench
{
    public static Task<IEnumerable<Figure>> RunAsync() => Task.FromResult<IEnumerable<Figure>>([]);
}
