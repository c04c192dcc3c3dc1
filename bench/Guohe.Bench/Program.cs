using Guohe.Bench;

// Benchmarks print figures next to their bars (../shared/QUALITY.md); they never fail the test suite.
// dotnet run -c Release --project bench/Guohe.Bench -- [documents|import|all|samples <folder>]
//   generate  --provider sqlite|postgres [--db <path or connection string>] [--organisations 10000] [--partners 100000]
//   dashboard --provider sqlite|postgres [--db …] [--organisations 10000] [--partners 100000] [--seconds 10] [--regenerate]
//   pages     (the same options): the application detail page, the office's organisation list and Form 1 over HTTP
//   mixed     (the same options) [--minutes 5]: those pages and the dashboard together; errors and the server's working set
var what = args.FirstOrDefault() ?? "all";
if (what is "generate" or "dashboard" or "pages" or "mixed")
{
    var options = Options.Parse(args.Skip(1));
    var size = new DataSetSize(options.Number("organisations", 10_000), options.Number("partners", 100_000));
    var database = BenchDatabase.From(options.Text("provider") ?? "sqlite", options.Text("db"), size);
    if (what == "generate" || options.Flag("regenerate") || !await database.HoldsAsync(size))
    {
        await database.GenerateAsync(size);
    }
    else
    {
        Console.WriteLine($"Reusing the data set in {database.ProviderName} ({database.Display}): {size.Organisations:N0} organisations (--regenerate to make it afresh).");
    }
    if (options.Flag("explain"))
    {
        await StatisticsProfile.RunAsync(database);
        return 0;
    }
    var data = $"{size.Organisations:N0} organisations, {size.Partners:N0} partner rows";
    var seconds = TimeSpan.FromSeconds(options.Number("seconds", 10));
    if (what == "dashboard")
    {
        Figure.Print(await HttpBench.RunAsync(database, Dashboard.Runs(data), seconds));
    }
    if (what == "pages")
    {
        Figure.Print(await HttpBench.RunAsync(database, await Pages.RunsAsync(database, data), seconds));
    }
    if (what == "mixed")
    {
        var pages = (await Pages.RunsAsync(database, data)).SelectMany(r => r.Pages).Where(p => p.MinRatio is not null || p.MaxP95Milliseconds is not null) /* pages with a bar, not the reference */.Select(p => p.Path).Append(Dashboard.Path).ToList();
        Figure.Print(await HttpBench.MixedAsync(database, pages, TimeSpan.FromMinutes(options.Number("minutes", 5))));
    }
    return 0;
}
if (what == "samples")
{
    // Writes sample documents for tools/docs/render-forms.sh (the README's pictures).
    var folder = Directory.CreateDirectory(args.ElementAtOrDefault(1) ?? "samples").FullName;
    await File.WriteAllBytesAsync(Path.Combine(folder, "form1-blank.docx"), Guohe.Web.Documents.Form1Document.Write(Guohe.Web.Documents.Form1Content.Blank));
    await File.WriteAllBytesAsync(Path.Combine(folder, "form1-filled.docx"), Guohe.Web.Documents.Form1Document.Write(DocumentBench.FullApplication()));
    Console.WriteLine($"Wrote samples to {folder}");
    return 0;
}
var results = new List<Figure>();
if (what is "documents" or "all")
{
    results.AddRange(DocumentBench.Run());
}
if (what is "import" or "all")
{
    results.AddRange(await ImportBench.RunAsync());
}
Figure.Print(results);
return 0;
