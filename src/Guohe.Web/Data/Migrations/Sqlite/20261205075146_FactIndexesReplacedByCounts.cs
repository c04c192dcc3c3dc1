using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guohe.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FactIndexesReplacedByCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkItemFacts_Year_Category_Plan",
                table: "WorkItemFacts");

            migrationBuilder.DropIndex(
                name: "IX_TeamSeatFacts_Year_ExpertUserId_Purpose_Name",
                table: "TeamSeatFacts");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_WorkItemFacts_Year_Category_Plan",
                table: "WorkItemFacts",
                columns: new[] { "Year", "Category", "Plan" });

            migrationBuilder.CreateIndex(
                name: "IX_TeamSeatFacts_Year_ExpertUserId_Purpose_Name",
                table: "TeamSeatFacts",
                columns: new[] { "Year", "ExpertUserId", "Purpose", "Name" });
        }
    }
}
