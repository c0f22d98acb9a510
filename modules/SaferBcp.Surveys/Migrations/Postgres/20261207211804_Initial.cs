using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SaferBcp.Surveys.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Surveys_Contacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SurveyContentItemId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    Phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Surveys_Contacts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Surveys_Responses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SurveyContentItemId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ResponseDate = table.Column<DateOnly>(type: "date", nullable: false),
                    AnswersJson = table.Column<string>(type: "text", nullable: false)
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
