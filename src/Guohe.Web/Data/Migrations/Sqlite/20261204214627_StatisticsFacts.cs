using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guohe.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StatisticsFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PartnerRowFacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ObligationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Plan = table.Column<bool>(type: "INTEGER", nullable: false),
                    CountryCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    InstitutionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Institution = table.Column<string>(type: "TEXT", nullable: false),
                    InstitutionKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerRowFacts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TeamSeatFacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SiteVisitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExpertUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamSeatFacts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkItemFacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ObligationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Plan = table.Column<bool>(type: "INTEGER", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkItemFacts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Obligations_Year_Status_DueDate_FiledAtUtc",
                table: "Obligations",
                columns: new[] { "Year", "Status", "DueDate", "FiledAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerRowFacts_CountryCode_Plan_InstitutionId_InstitutionKey_Year",
                table: "PartnerRowFacts",
                columns: new[] { "CountryCode", "Plan", "InstitutionId", "InstitutionKey", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerRowFacts_CountryCode_Plan_OrganisationId_Year",
                table: "PartnerRowFacts",
                columns: new[] { "CountryCode", "Plan", "OrganisationId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerRowFacts_ObligationId",
                table: "PartnerRowFacts",
                column: "ObligationId");

            migrationBuilder.CreateIndex(
                name: "IX_TeamSeatFacts_SiteVisitId",
                table: "TeamSeatFacts",
                column: "SiteVisitId");

            migrationBuilder.CreateIndex(
                name: "IX_TeamSeatFacts_Year_ExpertUserId_Purpose_Name",
                table: "TeamSeatFacts",
                columns: new[] { "Year", "ExpertUserId", "Purpose", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkItemFacts_ObligationId",
                table: "WorkItemFacts",
                column: "ObligationId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkItemFacts_Year_Category_Plan",
                table: "WorkItemFacts",
                columns: new[] { "Year", "Category", "Plan" });

            // Backfill from the JSON lists the aggregates keep (only filed forms count; see StatisticsFacts). SQLite's upper()
            // changes ASCII letters only; the app upper-cases every letter of the rows it writes afterwards.
            migrationBuilder.Sql("""
                INSERT INTO "PartnerRowFacts" ("Id", "ObligationId", "OrganisationId", "Year", "Plan", "CountryCode", "InstitutionId", "Institution", "InstitutionKey")
                SELECT upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))), o."Id", o."OrganisationId", o."Year", o."Kind" = 'AnnualPlan',
                       json_extract(p.value, '$.CountryCode'), upper(NULLIF(json_extract(p.value, '$.InstitutionId'), '')),
                       json_extract(p.value, '$.Institution'), substr(upper(json_extract(p.value, '$.Institution')), 1, 200)
                FROM "Obligations" AS o JOIN json_each(o."Partners") AS p
                WHERE o."Status" <> 'Open';
                """);
            migrationBuilder.Sql("""
                INSERT INTO "WorkItemFacts" ("Id", "ObligationId", "Year", "Plan", "Category")
                SELECT upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))), o."Id", o."Year", o."Kind" = 'AnnualPlan', json_extract(i.value, '$.Category')
                FROM "Obligations" AS o JOIN json_each(o."Items") AS i
                WHERE o."Status" <> 'Open';
                """);
            migrationBuilder.Sql("""
                INSERT INTO "TeamSeatFacts" ("Id", "SiteVisitId", "ExpertUserId", "Name", "Year", "Purpose")
                SELECT upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))), v."Id", upper(json_extract(t.value, '$.ExpertUserId')), json_extract(t.value, '$.Name'),
                       CAST(strftime('%Y', v."Date") AS INTEGER), v."Purpose"
                FROM "SiteVisits" AS v JOIN json_each(v."Team") AS t;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PartnerRowFacts");

            migrationBuilder.DropTable(
                name: "TeamSeatFacts");

            migrationBuilder.DropTable(
                name: "WorkItemFacts");

            migrationBuilder.DropIndex(
                name: "IX_Obligations_Year_Status_DueDate_FiledAtUtc",
                table: "Obligations");
        }
    }
}
