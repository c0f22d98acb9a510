using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SaferBcp.Surveys.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // WITHOUT ROWID: rows are kept in the order of their random ids, so the order in which contact
            // details arrived (which could be matched against responses) is not kept anywhere.
            migrationBuilder.Sql(
                """
                CREATE TABLE "Surveys_Contacts" (
                    "Id" TEXT NOT NULL CONSTRAINT "PK_Surveys_Contacts" PRIMARY KEY,
                    "SurveyContentItemId" TEXT NOT NULL,
                    "ReceivedOn" TEXT NOT NULL,
                    "Name" TEXT NULL,
                    "Email" TEXT NULL,
                    "Phone" TEXT NULL
                ) WITHOUT ROWID;
                """);

            migrationBuilder.CreateTable(
                name: "Surveys_Responses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SurveyContentItemId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ResponseDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AnswersJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Surveys_Responses", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Surveys_Contacts_SurveyContentItemId",
                table: "Surveys_Contacts",
                column: "SurveyContentItemId");

            migrationBuilder.CreateIndex(
                name: "IX_Surveys_Responses_SurveyContentItemId_Id",
                table: "Surveys_Responses",
                columns: new[] { "SurveyContentItemId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Surveys_Contacts");

            migrationBuilder.DropTable(
                name: "Surveys_Responses");
        }
    }
}
