using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guohe.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StatisticsCovering : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            StatisticsIndexes.Create(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            StatisticsIndexes.Drop(migrationBuilder);
        }
    }
}
