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

    /// <summary>The obligations of a year in one status: how many, how many of them were filed by their due date, and how many are past it today.</summary>
    public sealed class YearStatusCount
    {
        public int Year { get; init; }

        public string Status { get; init; } = string.Empty;

        public long Count { get; init; }

        public long OnTime { get; init; }

        public long PastDue { get; init; }
    }

    /// <summary>A count of one kind in one year.</summary>
    public sealed class YearCount
    {
        public string Kind { get; init; } = string.Empty;

        public int Year { get; init; }

        public long Count { get; init; }
    }

    /// <summary>The fees charged in one year: how many, and the amounts charged and paid in whole fen (分).</summary>
    public sealed class YearFees
    {
        public int Year { get; init; }

        public long Count { get; init; }

        public long ChargedFen { get; init; }

        public long PaidFen { get; init; }
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
    /// Per country and side: the units that named an institution there and the institutions named, each counted once however
    /// often and in how many years it was named. For all years from the counts the database keeps (<see cref="StatisticsCounts"/>:
    /// 76,750 unit and 4,493 institution counts instead of 100,000 rows on the bench data set); for some years from the rows,
    /// counting distinct values in the order of a covering index (country, side, unit or institution, year) — on SQLite the year
    /// is compared as <c>+"Year"</c> so that it walks that index instead of searching by year and sorting 100,000 rows (20 ms
    /// instead of 450 ms, bench/Guohe.Bench). Only the distinct institutions are followed through merges.
    /// </summary>
    public static Task<List<CountryCount>> PartnersByCountryAsync(GuoheDbContext db, Period period, CancellationToken cancellationToken)
    {
        const string counted = Merged + """
            , units AS (
                SELECT "CountryCode", "Plan", COUNT(*) AS "Units" FROM "PartnerUnitCounts" GROUP BY "CountryCode", "Plan"
            ), partners AS (
                SELECT c."CountryCode", c."Plan", COUNT(DISTINCT COALESCE(CAST(r."Root" AS TEXT), c."Named")) AS "Institutions"
                FROM "PartnerInstitutionCounts" AS c LEFT JOIN merged AS r ON r."Id" = c."InstitutionId"
                GROUP BY c."CountryCode", c."Plan"
            )
            """ + BySide;
        const string rows = Merged + """
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
            """ + BySide;
        if (period.IsAll)
        {
            return db.Database.SqlQueryRaw<CountryCount>(counted).ToListAsync(cancellationToken);
        }
        // SQLite: "+" keeps the year from choosing the index; PostgreSQL finds the covering index itself (and "+" spoils its estimate).
        var year = Postgres(db) ? "\"Year\"" : "+\"Year\"";
        return db.Database.SqlQueryRaw<CountryCount>(rows.Replace("YEAR BETWEEN", year + " BETWEEN", StringComparison.Ordinal), period.Low, period.High)
            .ToListAsync(cancellationToken);
    }

    private const string BySide = """
        SELECT u."CountryCode", CASE WHEN u."Plan" THEN 'wanted' ELSE 'actual' END AS "Side", u."Units", i."Institutions"
        FROM units AS u JOIN partners AS i ON i."CountryCode" = u."CountryCode" AND i."Plan" = u."Plan"
        """;

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
    /// The year of a stored date, without a date function per row: on SQLite the first four characters of the text EF Core
    /// stores ('yyyy-MM-dd'; <c>strftime</c> per row made the trend and the fees several times slower, bench/Guohe.Bench --explain).
    /// </summary>
    private static string YearOf(GuoheDbContext db, string column) =>
        Postgres(db) ? $"CAST(EXTRACT(YEAR FROM {column}) AS integer)" : $"CAST(substr({column}, 1, 4) AS INTEGER)";

    public const string Recognised = "recognised";
    public const string BaseGranted = "base";
    public const string Ended = "ended";

    /// <summary>Per year of the period: designations recognised (pilot units), bases granted and designations ended, counted by the database per year.</summary>
    public static Task<List<YearCount>> TrendAsync(GuoheDbContext db, Period period, CancellationToken cancellationToken)
    {
        string Count(string kind, string column) =>
            $"SELECT '{kind}' AS \"Kind\", {YearOf(db, $"\"{column}\"")} AS \"Year\", COUNT(*) AS \"Count\" FROM \"Designations\" WHERE \"{column}\" BETWEEN {{0}} AND {{1}} GROUP BY 2";
        var sql = string.Join("\nUNION ALL\n", Count(Recognised, "RecognitionDate"), Count(BaseGranted, "BaseGrantedOn"), Count(Ended, "EndedOn"));
        return db.Database.SqlQueryRaw<YearCount>(sql, period.FirstDay, period.LastDay).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Per year of charge: the fees, and the amounts charged and paid, each fee rounded to whole fen and summed as an integer —
    /// exact on both databases (SQLite keeps decimals as text, and EF Core sums them there with a function of its own, row by row).
    /// </summary>
    public static Task<List<YearFees>> FeesAsync(GuoheDbContext db, Period period, CancellationToken cancellationToken)
    {
        const string fen = "CAST(round(f.\"Details_Amount\" * 100) AS bigint)";
        var sql = $$"""
            SELECT {{YearOf(db, "f.\"Details_ChargedOn\"")}} AS "Year", COUNT(*) AS "Count",
                   CAST(SUM({{fen}}) AS bigint) AS "ChargedFen",
                   CAST(COALESCE(SUM(CASE WHEN f."PaidOn" IS NOT NULL THEN {{fen}} END), 0) AS bigint) AS "PaidFen"
            FROM "Fees" AS f
            WHERE f."Details_ChargedOn" BETWEEN {0} AND {1}
            GROUP BY 1
            """;
        return db.Database.SqlQueryRaw<YearFees>(sql, period.FirstDay, period.LastDay).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Per year and status: the plans and summaries owed, how many were filed by their (possibly extended) due date (the China
    /// date of filing, as <c>Obligation.FiledLate</c>), and how many fall due before today. Grouped by the covering index's
    /// (year, status) with two conditions per row; one count per outcome (five conditions) took twice as long. On SQLite "filed by
    /// the due date, China time" is "filed before 16:00 UTC that day", compared as text ('yyyy-MM-dd HH:mm:ss', as EF Core stores it).
    /// </summary>
    public static Task<List<YearStatusCount>> ObligationsByYearAsync(GuoheDbContext db, Period period, DateOnly today, CancellationToken cancellationToken)
    {
        var sql = Postgres(db)
            ? """
               SELECT o."Year", o."Status", COUNT(*) AS "Count",
                      COUNT(*) FILTER (WHERE (o."FiledAtUtc" AT TIME ZONE 'UTC' + interval '8 hours')::date <= o."DueDate") AS "OnTime",
                      COUNT(*) FILTER (WHERE o."DueDate" < {2}) AS "PastDue"
               FROM "Obligations" AS o
               WHERE o."Year" BETWEEN {0} AND {1}
               GROUP BY o."Year", o."Status"
               """
            : """
               SELECT o."Year", o."Status", COUNT(*) AS "Count",
                      COALESCE(SUM(o."FiledAtUtc" < o."DueDate" || ' 16:00:00'), 0) AS "OnTime",
                      COALESCE(SUM(o."DueDate" < {2}), 0) AS "PastDue"
               FROM "Obligations" AS o
               WHERE o."Year" BETWEEN {0} AND {1}
               GROUP BY o."Year", o."Status"
               """;
        return db.Database.SqlQueryRaw<YearStatusCount>(sql, period.Low, period.High, today).ToListAsync(cancellationToken);
    }
}
