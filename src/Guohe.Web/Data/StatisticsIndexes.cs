using Microsoft.EntityFrameworkCore.Migrations;

namespace Guohe.Web.Data;

/// <summary>
/// Covering indexes for the statistics (issue 7): each lets a count read a narrow index instead of the wide rows (an
/// application's row carries its Form 1, an organisation's its publication). They are over complex-property columns (the
/// unit profile, the fee's details), which EF Core cannot name in an index (dotnet/efcore#31246), so the migration
/// <c>StatisticsCovering</c> creates them in SQL, the same for both databases. A later migration that rebuilds one of these
/// tables on SQLite would drop them: <c>StatisticsIndexesTests</c> checks that they exist after all migrations.
/// </summary>
public static class StatisticsIndexes
{
    public static readonly IReadOnlyList<(string Name, string Table, string[] Columns)> All =
    [
        // the applications of a period by status and profile (province, type, level, key fields)
        ("IX_Applications_Statistics", "Applications", ["BatchId", "Status", "Profile_Province", "Profile_UnitType", "Profile_Level", "Profile_KeyFields"]),
        // the pilot units and bases by their organisation's profile
        ("IX_Organisations_Statistics", "Organisations", ["Id", "Profile_Province", "Profile_UnitType", "Profile_Level", "Profile_KeyFields"]),
        // fees per day of charge: count, charged, paid
        ("IX_Fees_Statistics", "Fees", ["Details_ChargedOn", "PaidOn", "Details_Amount"]),
        // the trend: recognised, granted base, ended per day
        ("IX_Designations_Statistics", "Designations", ["RecognitionDate", "BaseGrantedOn", "EndedOn"]),
    ];

    public static void Create(MigrationBuilder migrationBuilder)
    {
        foreach (var (name, table, columns) in All)
        {
            migrationBuilder.Sql($"CREATE INDEX IF NOT EXISTS \"{name}\" ON \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))});");
        }
    }

    public static void Drop(MigrationBuilder migrationBuilder)
    {
        foreach (var (name, _, _) in All)
        {
            migrationBuilder.Sql($"DROP INDEX IF EXISTS \"{name}\";");
        }
    }
}
