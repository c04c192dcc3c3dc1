using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guohe.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StatisticsCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PartnerInstitutionCounts",
                columns: table => new
                {
                    CountryCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Plan = table.Column<bool>(type: "INTEGER", nullable: false),
                    Named = table.Column<string>(type: "TEXT", maxLength: 201, nullable: false),
                    InstitutionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Facts = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerInstitutionCounts", x => new { x.CountryCode, x.Plan, x.Named });
                });

            migrationBuilder.CreateTable(
                name: "PartnerUnitCounts",
                columns: table => new
                {
                    CountryCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Plan = table.Column<bool>(type: "INTEGER", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Facts = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerUnitCounts", x => new { x.CountryCode, x.Plan, x.OrganisationId });
                });

            migrationBuilder.CreateTable(
                name: "TeamSeatCounts",
                columns: table => new
                {
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    ExpertUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Facts = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamSeatCounts", x => new { x.Year, x.ExpertUserId, x.Purpose, x.Name });
                });

            migrationBuilder.CreateTable(
                name: "WorkItemCounts",
                columns: table => new
                {
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Plan = table.Column<bool>(type: "INTEGER", nullable: false),
                    Facts = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkItemCounts", x => new { x.Year, x.Category, x.Plan });
                });

            Guohe.Web.Data.StatisticsCounts.Create(migrationBuilder, postgres: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            Guohe.Web.Data.StatisticsCounts.Drop(migrationBuilder, postgres: false);

            migrationBuilder.DropTable(
                name: "PartnerInstitutionCounts");

            migrationBuilder.DropTable(
                name: "PartnerUnitCounts");

            migrationBuilder.DropTable(
                name: "TeamSeatCounts");

            migrationBuilder.DropTable(
                name: "WorkItemCounts");
        }
    }
}
