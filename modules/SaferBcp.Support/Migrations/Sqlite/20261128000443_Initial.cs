using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SaferBcp.Support.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Support_ServiceIndex",
                columns: table => new
                {
                    ContentItemId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Audiences = table.Column<int>(type: "INTEGER", nullable: false),
                    Topics = table.Column<int>(type: "INTEGER", nullable: false),
                    Areas = table.Column<int>(type: "INTEGER", nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    TextNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    OpenAllHours = table.Column<bool>(type: "INTEGER", nullable: false),
                    Hours = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ReferralFormSlug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Support_ServiceIndex", x => x.ContentItemId);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Support_ServiceIndex");
        }
    }
}
