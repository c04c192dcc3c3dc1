using System.Globalization;
using Guohe.Web.Data;
using Microsoft.Extensions.Options;

namespace Guohe.Web.Audit;

/// <summary>
/// <c>dotnet run --project src/Guohe.Web -- audit verify</c>: checks the chain, names the first broken record, exit code 1 when broken;
/// <c>audit purge</c>: removes records older than <c>Audit:RetentionDays</c> (≥ 186), leaving an anchor the verifier starts from.
/// </summary>
internal static class AuditCommands
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var db = services.GetRequiredService<GuoheDbContext>();
        switch (args.FirstOrDefault())
        {
            case "verify":
                {
                    var result = await AuditChain.VerifyAsync(db);
                    if (result.Valid)
                    {
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"审计日志完整 The audit log verifies: {result.Checked} records (#{result.FirstSequence}–#{result.HeadSequence}){(result.AnchorSequence is { } a ? $", from the purge anchor #{a}" : string.Empty)}."));
                        Console.WriteLine($"链头 Head: #{result.HeadSequence} {result.HeadHash}");
                        return 0;
                    }
                    await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"审计日志已被破坏，首个异常记录 #{result.BrokenAt}：{result.ProblemZh}\nThe audit log is broken; first broken record #{result.BrokenAt}: {result.ProblemEn}"));
                    await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"此前 {result.Checked} 条记录完好 {result.Checked} records before it verify."));
                    return 1;
                }
            case "purge":
                {
                    var retention = services.GetRequiredService<IOptions<AuditOptions>>().Value.RetentionDays;
                    var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                    try
                    {
                        var purge = await AuditChain.PurgeAsync(db, retention, now);
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"已清理 {purge.Removed} 条早于 {purge.CutoffUtc:yyyy-MM-dd} 的审计记录 Removed {purge.Removed} records older than {retention} days{(purge.ThroughSequence is { } s ? $" (through #{s}; anchor kept)" : string.Empty)}."));
                        return 0;
                    }
                    catch (InvalidOperationException e)
                    {
                        await Console.Error.WriteLineAsync("未清理 Nothing purged: " + e.Message);
                        return 1;
                    }
                }
            default:
                await Console.Error.WriteLineAsync("用法 Usage: audit verify | audit purge");
                return 2;
        }
    }
}
