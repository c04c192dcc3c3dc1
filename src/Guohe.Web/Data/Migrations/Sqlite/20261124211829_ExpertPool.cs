using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guohe.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ExpertPool : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ReminderSentAtUtc",
                table: "SiteVisits",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Experts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Details_DeclaredConflicts = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Details_Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Details_Fields = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Details_Mobile = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Details_Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Details_OrganisationName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Details_OrganisationUscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Details_Province = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Details_RecommendedBy = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Details_Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Details_UserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    HistoryLength = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Experts", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Experts");

            migrationBuilder.DropColumn(
                name: "ReminderSentAtUtc",
                table: "SiteVisits");
        }
    }
}
