using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SaferBcp.Support.Migrations.Postgres
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
                    ContentItemId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Audiences = table.Column<int>(type: "integer", nullable: false),
                    Topics = table.Column<int>(type: "integer", nullable: false),
                    Areas = table.Column<int>(type: "integer", nullable: false),
                    Phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    TextNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    OpenAllHours = table.Column<bool>(type: "boolean", nullable: false),
                    Hours = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    ReferralFormSlug = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
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
