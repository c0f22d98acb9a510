using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SaferBcp.Pages.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NewsMonthOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "MonthOnly",
                table: "Pages_NewsIndex",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MonthOnly",
                table: "Pages_NewsIndex");
        }
    }
}
