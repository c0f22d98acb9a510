using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SaferBcp.Surveys.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddFreeTextCoding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Surveys_AnswerThemes",
                columns: table => new
                {
                    ResponseId = table.Column<int>(type: "integer", nullable: false),
                    ThemeId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Surveys_AnswerThemes", x => new { x.ResponseId, x.ThemeId });
                });

            migrationBuilder.CreateTable(
                name: "Surveys_CodedAnswers",
                columns: table => new
                {
                    ResponseId = table.Column<int>(type: "integer", nullable: false),
                    QuestionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SurveyContentItemId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Surveys_CodedAnswers", x => new { x.ResponseId, x.QuestionId });
                });

            migrationBuilder.CreateTable(
                name: "Surveys_Quotes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SurveyContentItemId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    QuestionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ResponseId = table.Column<int>(type: "integer", nullable: false),
                    ProtectedText = table.Column<string>(type: "text", nullable: false),
                    SuggestedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ApprovedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ShowOnResults = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Surveys_Quotes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Surveys_Themes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SurveyContentItemId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    QuestionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Surveys_Themes", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Surveys_AnswerThemes_ThemeId",
                table: "Surveys_AnswerThemes",
                column: "ThemeId");

            migrationBuilder.CreateIndex(
                name: "IX_Surveys_CodedAnswers_SurveyContentItemId_QuestionId",
                table: "Surveys_CodedAnswers",
                columns: new[] { "SurveyContentItemId", "QuestionId" });

            migrationBuilder.CreateIndex(
                name: "IX_Surveys_Quotes_SurveyContentItemId_ResponseId_QuestionId",
                table: "Surveys_Quotes",
                columns: new[] { "SurveyContentItemId", "ResponseId", "QuestionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Surveys_Themes_SurveyContentItemId_QuestionId",
                table: "Surveys_Themes",
                columns: new[] { "SurveyContentItemId", "QuestionId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Surveys_AnswerThemes");

            migrationBuilder.DropTable(
                name: "Surveys_CodedAnswers");

            migrationBuilder.DropTable(
                name: "Surveys_Quotes");

            migrationBuilder.DropTable(
                name: "Surveys_Themes");
        }
    }
}
