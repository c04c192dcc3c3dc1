using Guohe.Bench;

// Benchmarks print figures next to their bars (../shared/QUALITY.md); they never fail the test suite.
// dotnet run -c Release --project bench/Guohe.Bench -- [documents|import|all]
var what = args.FirstOrDefault() ?? "all";
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
