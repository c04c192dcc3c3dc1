using System.Diagnostics;
using System.Globalization;

namespace Guohe.Bench;

/// <summary>One measured figure and its bar from QUALITY.md.</summary>
public sealed record Figure(string What, string Data, double Value, string Unit, string Bar, bool Met)
{
    public static void Print(IReadOnlyList<Figure> figures)
    {
        Console.WriteLine();
        Console.WriteLine($"Guohe benchmarks — {TimeProvider.System.GetUtcNow().ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm} (UTC+8), {Environment.ProcessorCount} cores, .NET {Environment.Version}, {Environment.OSVersion}");
        Console.WriteLine();
        Console.WriteLine("| measure | data | figure | bar | met |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var f in figures)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {f.What} | {f.Data} | {f.Value:0.##} {f.Unit} | {f.Bar} | {(f.Met ? "yes" : "NO")} |"));
        }
    }

    /// <summary>The p-th percentile of the samples (milliseconds).</summary>
    public static double Percentile(List<double> samples, double p)
    {
        samples.Sort();
        return samples[Math.Clamp((int)Math.Ceiling(p * samples.Count) - 1, 0, samples.Count - 1)];
    }

    public static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
