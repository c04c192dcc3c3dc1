using Microsoft.EntityFrameworkCore.Migrations;

namespace Guohe.Web.Data;

/// <summary>
/// Counts of the statistics' rows (<see cref="Features.Office.Statistics.StatisticsFacts"/>) kept by the database itself, with
/// triggers on the fact tables, so that the dashboard reads a few thousand counts instead of 100,000 partner rows (issue 7,
/// ADR 0011): per country, side and unit and per country, side and institution over all years (what the distinct counts of
/// partners need), per year, category and side for the work items, and per year, expert, purpose and name for the seats.
/// Every write of a fact row — a save, a delete, a migration's SQL — changes its count in the same transaction, and a count that
/// falls to zero is deleted, so every row counts. On PostgreSQL the trigger first takes one transaction
/// lock for all counts, so that two saves that count the same rows in different orders wait for each other instead of
/// deadlocking; SQLite has one writer at a time anyway.
/// </summary>
public static class StatisticsCounts
{
    /// <summary>A count table: the fact table it counts, the columns it counts by, and columns that follow from them.</summary>
    private sealed record Count(string Table, string Facts, string[] Key, string[] Also);

    private static readonly Count[] All =
    [
        new("PartnerUnitCounts", "PartnerRowFacts", ["CountryCode", "Plan", "OrganisationId"], []),
        new("PartnerInstitutionCounts", "PartnerRowFacts", ["CountryCode", "Plan", "Named"], ["InstitutionId"]),
        new("WorkItemCounts", "WorkItemFacts", ["Year", "Category", "Plan"], []),
        new("TeamSeatCounts", "TeamSeatFacts", ["Year", "ExpertUserId", "Purpose", "Name"], []),
    ];

    /// <summary>Any number, the same in every migration: the PostgreSQL lock the triggers take.</summary>
    private const long LockKey = 7_0005_0001;

    private static IEnumerable<string> FactTables => All.Select(c => c.Facts).Distinct();

    /// <summary>The names of the triggers (SQLite) or trigger functions' triggers (PostgreSQL), for the test that they exist.</summary>
    public static IReadOnlyList<string> Triggers(bool postgres) =>
        [.. FactTables.SelectMany(f => postgres ? [$"{f}_Count"] : new[] { $"{f}_Count_Insert", $"{f}_Count_Delete", $"{f}_Count_Update" })];

    /// <summary>A count column's value for a fact row (<c>NEW</c>, <c>OLD</c> or an alias): the institution as its entry's id or its name.</summary>
    private static string Value(bool postgres, string column, string row) => column switch
    {
        "Named" => postgres
            ? $"""COALESCE({row}."InstitutionId"::text, '#' || {row}."InstitutionKey")"""
            : $"""COALESCE(CAST({row}."InstitutionId" AS TEXT), '#' || {row}."InstitutionKey")""",
        _ => $"{row}.\"{column}\"",
    };

    private static string Columns(IEnumerable<string> columns) => string.Join(", ", columns.Select(c => $"\"{c}\""));

    private static string Add(bool postgres, Count count, string row) =>
        $"""
        INSERT INTO "{count.Table}" ({Columns([.. count.Key, .. count.Also, "Facts"])})
        VALUES ({string.Join(", ", count.Key.Concat(count.Also).Select(c => Value(postgres, c, row)))}, 1)
        ON CONFLICT ({Columns(count.Key)}) DO UPDATE SET "Facts" = "{count.Table}"."Facts" + 1;
        """;

    private static string Remove(bool postgres, Count count, string row)
    {
        var where = string.Join(" AND ", count.Key.Select(c => $"\"{c}\" = {Value(postgres, c, row)}"));
        return $"""
            UPDATE "{count.Table}" SET "Facts" = "Facts" - 1 WHERE {where};
            DELETE FROM "{count.Table}" WHERE {where} AND "Facts" <= 0;
            """;
    }

    /// <summary>Creates the triggers and fills the count tables (made by the migration) from the fact rows already there.</summary>
    public static void Create(MigrationBuilder migrationBuilder, bool postgres)
    {
        foreach (var facts in FactTables)
        {
            var counts = All.Where(c => c.Facts == facts).ToList();
            string Adds(string row) => string.Join("\n", counts.Select(c => Add(postgres, c, row)));
            string Removes(string row) => string.Join("\n", counts.Select(c => Remove(postgres, c, row)));
            if (postgres)
            {
                migrationBuilder.Sql($$"""
                    CREATE OR REPLACE FUNCTION "{{facts}}_Count"() RETURNS trigger LANGUAGE plpgsql AS $count$
                    BEGIN
                        PERFORM pg_advisory_xact_lock({{LockKey}});
                        IF TG_OP IN ('DELETE', 'UPDATE') THEN
                            {{Removes("OLD")}}
                        END IF;
                        IF TG_OP IN ('INSERT', 'UPDATE') THEN
                            {{Adds("NEW")}}
                        END IF;
                        RETURN NULL;
                    END
                    $count$;
                    """);
                migrationBuilder.Sql($"""CREATE TRIGGER "{facts}_Count" AFTER INSERT OR UPDATE OR DELETE ON "{facts}" FOR EACH ROW EXECUTE FUNCTION "{facts}_Count"();""");
            }
            else
            {
                migrationBuilder.Sql($"""CREATE TRIGGER "{facts}_Count_Insert" AFTER INSERT ON "{facts}" BEGIN {Adds("NEW")} END;""");
                migrationBuilder.Sql($"""CREATE TRIGGER "{facts}_Count_Delete" AFTER DELETE ON "{facts}" BEGIN {Removes("OLD")} END;""");
                migrationBuilder.Sql($"""CREATE TRIGGER "{facts}_Count_Update" AFTER UPDATE ON "{facts}" BEGIN {Removes("OLD")} {Adds("NEW")} END;""");
            }
            foreach (var count in counts)
            {
                var values = count.Key.Concat(count.Also).Select(c => Value(postgres, c, "f")).ToList();
                migrationBuilder.Sql($"""
                    INSERT INTO "{count.Table}" ({Columns([.. count.Key, .. count.Also, "Facts"])})
                    SELECT {string.Join(", ", values)}, COUNT(*) FROM "{facts}" AS f GROUP BY {string.Join(", ", values)};
                    """);
            }
        }
    }

    public static void Drop(MigrationBuilder migrationBuilder, bool postgres)
    {
        foreach (var facts in FactTables)
        {
            if (postgres)
            {
                migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{facts}_Count" ON "{facts}"; DROP FUNCTION IF EXISTS "{facts}_Count"();""");
            }
            else
            {
                foreach (var trigger in Triggers(postgres: false).Where(t => t.StartsWith(facts + "_", StringComparison.Ordinal)))
                {
                    migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{trigger}";""");
                }
            }
        }
    }
}
