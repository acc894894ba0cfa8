#nullable disable

namespace IdP.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ForcedPasswordReset : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ForcedPasswordReset",
                table: "UserFlows",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "PasswordChangeAccountId",
                table: "Journeys",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PasswordChangeStamp",
                table: "Journeys",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ForceChangePasswordNextSignIn",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ForcedPasswordReset",
                table: "UserFlows");

            migrationBuilder.DropColumn(
                name: "PasswordChangeAccountId",
                table: "Journeys");

            migrationBuilder.DropColumn(
                name: "PasswordChangeStamp",
                table: "Journeys");

            migrationBuilder.DropColumn(
                name: "ForceChangePasswordNextSignIn",
                table: "AspNetUsers");
        }
    }
}
