using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdP.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SingleSignOnConfiguration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing flows get B2C's default, Tenant: any session answers them as before (EF's default, the empty
            // string, names no scope).
            migrationBuilder.AddColumn<string>(
                name: "SingleSignOnConfiguration",
                table: "UserFlows",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Tenant");

            // Sessions standing at the upgrade were used by nothing the server knows of: Tenant flows (all of them
            // until an administrator changes one) accept them as before; an Application- or Policy-scoped flow asks once.
            migrationBuilder.AddColumn<string>(
                name: "UsedByApplications",
                table: "SignInSessions",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "UsedOnFlows",
                table: "SignInSessions",
                type: "TEXT",
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SingleSignOnConfiguration",
                table: "UserFlows");

            migrationBuilder.DropColumn(
                name: "UsedByApplications",
                table: "SignInSessions");

            migrationBuilder.DropColumn(
                name: "UsedOnFlows",
                table: "SignInSessions");
        }
    }
}
