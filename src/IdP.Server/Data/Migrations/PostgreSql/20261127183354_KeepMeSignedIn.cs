using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdP.Server.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class KeepMeSignedIn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "KeepMeSignedIn",
                table: "UserFlows",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Existing flows get the days a new flow gets (UserFlowRules.DefaultKeepMeSignedInDays), not 0, which the
            // flow rules refuse: KMSI stays off, and an administrator who turns it on starts from B2C's range.
            migrationBuilder.AddColumn<int>(
                name: "KeepMeSignedInDays",
                table: "UserFlows",
                type: "integer",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<bool>(
                name: "KeepMeSignedIn",
                table: "Journeys",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "KeepMeSignedIn",
                table: "UserFlows");

            migrationBuilder.DropColumn(
                name: "KeepMeSignedInDays",
                table: "UserFlows");

            migrationBuilder.DropColumn(
                name: "KeepMeSignedIn",
                table: "Journeys");
        }
    }
}
