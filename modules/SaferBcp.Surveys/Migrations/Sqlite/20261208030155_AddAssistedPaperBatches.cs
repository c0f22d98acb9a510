using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SaferBcp.Surveys.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddAssistedPaperBatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Surveys_PaperBatches",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SurveyContentItemId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Surveys_PaperBatches", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Surveys_PaperBatches_SurveyContentItemId_Fingerprint",
                table: "Surveys_PaperBatches",
                columns: new[] { "SurveyContentItemId", "Fingerprint" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Surveys_PaperBatches");
        }
    }
}
