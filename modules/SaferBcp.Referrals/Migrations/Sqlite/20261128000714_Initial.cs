using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SaferBcp.Referrals.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Referrals_Referrals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SubmissionKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FormContentItemId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FormSlug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FormTitle = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    TeamId = table.Column<int>(type: "INTEGER", nullable: false),
                    CopyTeamId = table.Column<int>(type: "INTEGER", nullable: true),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Under18 = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReceivedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RuleId = table.Column<int>(type: "INTEGER", nullable: true),
                    ProtectedRoutingReason = table.Column<string>(type: "TEXT", nullable: false),
                    ProtectedAnswers = table.Column<string>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ProtectedOutcomeDetail = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Referrals_Referrals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Referrals_Retention",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FormSlug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RetentionDays = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Referrals_Retention", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Referrals_Settings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UrgentRiskThreshold = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Referrals_Settings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Referrals_Teams",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NotificationAddresses = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ResponseTime = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IsChildrenSafeguarding = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsDefault = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Referrals_Teams", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Referrals_Events",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReferralId = table.Column<int>(type: "INTEGER", nullable: false),
                    OccurredUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ProtectedDetail = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Referrals_Events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Referrals_Events_Referrals_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals_Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Referrals_Notes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReferralId = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ProtectedText = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Referrals_Notes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Referrals_Notes_Referrals_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals_Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Referrals_Rules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FormSlug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Areas = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AgeBands = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MinRiskIndicators = table.Column<int>(type: "INTEGER", nullable: true),
                    ChildrenInHousehold = table.Column<bool>(type: "INTEGER", nullable: true),
                    TeamId = table.Column<int>(type: "INTEGER", nullable: false),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Referrals_Rules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Referrals_Rules_Referrals_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Referrals_Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Referrals_TeamMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TeamId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Referrals_TeamMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Referrals_TeamMembers_Referrals_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Referrals_Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_Events_ReferralId",
                table: "Referrals_Events",
                column: "ReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_Notes_ReferralId",
                table: "Referrals_Notes",
                column: "ReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_Referrals_CopyTeamId",
                table: "Referrals_Referrals",
                column: "CopyTeamId");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_Referrals_Reference",
                table: "Referrals_Referrals",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_Referrals_Status_ClosedUtc",
                table: "Referrals_Referrals",
                columns: new[] { "Status", "ClosedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_Referrals_SubmissionKey",
                table: "Referrals_Referrals",
                column: "SubmissionKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_Referrals_TeamId_Status_ReceivedUtc",
                table: "Referrals_Referrals",
                columns: new[] { "TeamId", "Status", "ReceivedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_Retention_FormSlug",
                table: "Referrals_Retention",
                column: "FormSlug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_Rules_TeamId",
                table: "Referrals_Rules",
                column: "TeamId");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_TeamMembers_TeamId_UserId",
                table: "Referrals_TeamMembers",
                columns: new[] { "TeamId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_TeamMembers_UserId",
                table: "Referrals_TeamMembers",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_Teams_Name",
                table: "Referrals_Teams",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Referrals_Events");

            migrationBuilder.DropTable(
                name: "Referrals_Notes");

            migrationBuilder.DropTable(
                name: "Referrals_Retention");

            migrationBuilder.DropTable(
                name: "Referrals_Rules");

            migrationBuilder.DropTable(
                name: "Referrals_Settings");

            migrationBuilder.DropTable(
                name: "Referrals_TeamMembers");

            migrationBuilder.DropTable(
                name: "Referrals_Referrals");

            migrationBuilder.DropTable(
                name: "Referrals_Teams");
        }
    }
}
