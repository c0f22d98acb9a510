using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SaferBcp.Review.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddReviewRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Review_Requests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContentItemId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    DraftSavedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DisplayText = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SubmittedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    PublishAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DecidedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Review_Requests", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Review_Requests_ContentItemId",
                table: "Review_Requests",
                column: "ContentItemId");

            migrationBuilder.CreateIndex(
                name: "IX_Review_Requests_Status_SubmittedUtc",
                table: "Review_Requests",
                columns: new[] { "Status", "SubmittedUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Review_Requests");
        }
    }
}
