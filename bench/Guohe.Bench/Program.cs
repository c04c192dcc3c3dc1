using Guohe.Bench;

// Benchmarks print figures next to their bars (../shared/QUALITY.md); they never fail the test suite.
// dotnet run -c Release --project bench/Guohe.Bench -- [documents|import|all|samples <folder>]
var what = args.FirstOrDefault() ?? "all";
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
