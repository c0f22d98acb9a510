using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SaferBcp.SafePlaces.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SafePlaces_Index",
                columns: table => new
                {
                    ContentItemId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Category = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Area = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Locality = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Postcode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    District = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    Facilities = table.Column<int>(type: "integer", nullable: false),
                    Schemes = table.Column<int>(type: "integer", nullable: false),
                    Phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    LastVerified = table.Column<DateOnly>(type: "date", nullable: false),
                    Path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OpeningHoursJson = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SafePlaces_Index", x => x.ContentItemId);
                });

            migrationBuilder.CreateTable(
                name: "SafePlaces_Postcodes",
                columns: table => new
                {
                    Postcode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    District = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: false),
                    Longitude = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SafePlaces_Postcodes", x => x.Postcode);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SafePlaces_Index_Area",
                table: "SafePlaces_Index",
                column: "Area");

            migrationBuilder.CreateIndex(
                name: "IX_SafePlaces_Index_District",
                table: "SafePlaces_Index",
                column: "District");

            migrationBuilder.CreateIndex(
                name: "IX_SafePlaces_Index_LastVerified",
                table: "SafePlaces_Index",
                column: "LastVerified");

            migrationBuilder.CreateIndex(
                name: "IX_SafePlaces_Postcodes_District",
                table: "SafePlaces_Postcodes",
                column: "District");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SafePlaces_Index");

            migrationBuilder.DropTable(
                name: "SafePlaces_Postcodes");
        }
    }
}
