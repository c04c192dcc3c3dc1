using Guohe.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Office.Statistics;

/// <summary>
/// The statistics LINQ cannot say: partner rows of filed forms (<see cref="PartnerRowFact"/>) counted by the institution they
/// stand for after merges (followed by a recursive query, as <c>PartnerNetwork.Root</c> does), and the timeliness of filings by
/// their China date. The database groups the rows; only the groups come back.
/// </summary>
public static class StatisticsSql
{
    public const string Wanted = "wanted";
    public const string Actual = "actual";

    public sealed class CountryCount
    {
        public string CountryCode { get; init; } = string.Empty;

        public string Side { get; init; } = string.Empty;

        public long Units { get; init; }

        public long Institutions { get; init; }
    }

    public sealed class YearTimeliness
    {
        public long Year { get; init; }

        public long Total { get; init; }

        public long OnTime { get; init; }

        public long Late { get; init; }

        public long Overdue { get; init; }

        public long Pending { get; init; }
    }

    /// <summary>One unit naming one institution of a country (over the period).</summary>
    public sealed class CountryNaming
    {
        public string InstitutionKey { get; init; } = string.Empty;

        public string? Institution { get; init; }

        public Guid OrganisationId { get; init; }

        public string? Organisation { get; init; }

        public long Wanted { get; init; }

        public long Actual { get; init; }

        public long FirstYear { get; init; }

        public long LastYear { get; init; }
    }

    private static bool Postgres(GuoheDbContext db) => db is PostgresGuoheDbContext;

    /// <summary>
    /// Every merged institution with the entry it now stands for (at most ten hops, as the directory follows), walked from the
    /// merged entries only (a handful of rows) and materialised, so that a join to it is a lookup in a small table: a join of
    /// every partner row to a recursive result over the whole directory took SQLite 35 s for 100,000 rows (bench/Guohe.Bench dashboard).
    /// </summary>
    private const string Merged = """
        WITH RECURSIVE chain("Id", "Root", "Depth") AS (
            SELECT "Id", "MergedIntoId", 1 FROM "Institutions" WHERE "MergedIntoId" IS NOT NULL
            UNION ALL
            SELECT c."Id", i."MergedIntoId", c."Depth" + 1
            FROM chain AS c JOIN "Institutions" AS i ON i."Id" = c."Root"
            WHERE i."MergedIntoId" IS NOT NULL AND c."Depth" < 10
        ), merged("Id", "Root") AS MATERIALIZED (
            SELECT c."Id", c."Root" FROM chain AS c WHERE c."Depth" = (SELECT MAX(d."Depth") FROM chain AS d WHERE d."Id" = c."Id")
        )
        """;

    /// <summary>What an institution is counted as: its directory entry, the entry it was merged into, or (not in the directory) its name upper-cased.</summary>
    private const string Key = """COALESCE(CAST(COALESCE(r."Root", f."InstitutionId") AS TEXT), f."InstitutionKey")""";

    /// <summary>
    /// Per country and side: the units that named an institution there and the institutions named. Both count distinct values
    /// in the order of a covering index (country, side, unit or institution, year); on SQLite the year is compared as <c>+"Year"</c>
    /// so that it walks that index instead of searching by year and sorting 100,000 rows (20 ms instead of 450 ms, bench/Guohe.Bench).
    /// The institutions are reduced to their distinct (country, side, entry, name) first, and only those are followed through merges.
    /// </summary>
    public static Task<List<CountryCount>> PartnersByCountryAsync(GuoheDbContext db, Period period, CancellationToken cancellationToken)
    {
        const string sql = Merged + """
            , units AS (
                SELECT "CountryCode", "Plan", COUNT(DISTINCT "OrganisationId") AS "Units"
                FROM "PartnerRowFacts" WHERE YEAR BETWEEN {0} AND {1}
                GROUP BY "CountryCode", "Plan"
            ), named AS MATERIALIZED (
                SELECT DISTINCT "CountryCode", "Plan", "InstitutionId", "InstitutionKey" FROM "PartnerRowFacts" WHERE YEAR BETWEEN {0} AND {1}
            ), partners AS (
                SELECT f."CountryCode", f."Plan", COUNT(DISTINCT 
            """ + Key + """
            ) AS "Institutions"
                FROM named AS f LEFT JOIN merged AS r ON r."Id" = f."InstitutionId"
                GROUP BY f."CountryCode", f."Plan"
            )
            SELECT u."CountryCode", CASE WHEN u."Plan" THEN 'wanted' ELSE 'actual' END AS "Side", u."Units", i."Institutions"
            FROM units AS u JOIN partners AS i ON i."CountryCode" = u."CountryCode" AND i."Plan" = u."Plan"
            """;
        // SQLite: "+" keeps the year from choosing the index; PostgreSQL finds the covering index itself (and "+" spoils its estimate).
        var year = Postgres(db) ? "\"Year\"" : "+\"Year\"";
        return db.Database.SqlQueryRaw<CountryCount>(sql.Replace("YEAR BETWEEN", year + " BETWEEN", StringComparison.Ordinal), period.Low, period.High)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The institutions of one country named in filed forms of the period, with each unit that named them.</summary>
    public static Task<List<CountryNaming>> NamingsOfCountryAsync(GuoheDbContext db, Period period, string countryCode, CancellationToken cancellationToken)
    {
        const string sql = Merged + """
            , named AS (
                SELECT 
            """ + Key + """
             AS "InstitutionKey", f."Institution" AS "Written", f."OrganisationId", f."Plan", f."Year"
                FROM "PartnerRowFacts" AS f LEFT JOIN merged AS r ON r."Id" = f."InstitutionId"
                WHERE f."Year" BETWEEN {0} AND {1} AND f."CountryCode" = {2}
            )
            SELECT n."InstitutionKey", COALESCE(MAX(i."Name"), MAX(n."Written")) AS "Institution",
                   n."OrganisationId", MAX(g."Name") AS "Organisation",
                   CAST(MAX(CASE WHEN n."Plan" THEN 1 ELSE 0 END) AS BIGINT) AS "Wanted",
                   CAST(MAX(CASE WHEN n."Plan" THEN 0 ELSE 1 END) AS BIGINT) AS "Actual",
                   CAST(MIN(n."Year") AS BIGINT) AS "FirstYear", CAST(MAX(n."Year") AS BIGINT) AS "LastYear"
            FROM named AS n
            LEFT JOIN "Institutions" AS i ON CAST(i."Id" AS TEXT) = n."InstitutionKey"
            LEFT JOIN "Organisations" AS g ON g."Id" = n."OrganisationId"
            GROUP BY n."InstitutionKey", n."OrganisationId"
            """;
        return db.Database.SqlQueryRaw<CountryNaming>(sql, period.Low, period.High, countryCode).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Per year: every plan and summary owed, filed on or before its (possibly extended) due date, filed after it (the China
    /// date of filing, as <c>Obligation.FiledLate</c>), still open after it, and open but not yet due. On SQLite "filed by the
    /// due date, China time" is "filed before 16:00 UTC that day", compared as text ('yyyy-MM-dd HH:mm:ss', as EF Core stores
    /// it) instead of converting every filing's time to a date.
    /// </summary>
    public static Task<List<YearTimeliness>> ObligationTimelinessAsync(GuoheDbContext db, Period period, DateOnly today, CancellationToken cancellationToken)
    {
        var (low, high) = (period.Low, period.High);
        var sql = Postgres(db)
            ? """
               SELECT o."Year"::bigint AS "Year", COUNT(*) AS "Total",
                      COUNT(*) FILTER (WHERE o."Status" <> 'Open' AND (o."FiledAtUtc" AT TIME ZONE 'UTC' + interval '8 hours')::date <= o."DueDate") AS "OnTime",
                      COUNT(*) FILTER (WHERE o."Status" <> 'Open' AND (o."FiledAtUtc" AT TIME ZONE 'UTC' + interval '8 hours')::date > o."DueDate") AS "Late",
                      COUNT(*) FILTER (WHERE o."Status" = 'Open' AND o."DueDate" < {2}) AS "Overdue",
                      COUNT(*) FILTER (WHERE o."Status" = 'Open' AND o."DueDate" >= {2}) AS "Pending"
               FROM "Obligations" AS o
               WHERE o."Year" BETWEEN {0} AND {1}
               GROUP BY o."Year"
               """
            : """
               SELECT o."Year" AS "Year", COUNT(*) AS "Total",
                      SUM(o."Status" <> 'Open' AND o."FiledAtUtc" < o."DueDate" || ' 16:00:00') AS "OnTime",
                      SUM(o."Status" <> 'Open' AND o."FiledAtUtc" >= o."DueDate" || ' 16:00:00') AS "Late",
                      SUM(o."Status" = 'Open' AND o."DueDate" < {2}) AS "Overdue",
                      SUM(o."Status" = 'Open' AND o."DueDate" >= {2}) AS "Pending"
               FROM "Obligations" AS o
               WHERE o."Year" BETWEEN {0} AND {1}
               GROUP BY o."Year"
               """;
        return db.Database.SqlQueryRaw<YearTimeliness>(sql, low, high, today).ToListAsync(cancellationToken);
    }
}
