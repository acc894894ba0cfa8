#nullable disable

namespace IdP.Server.Data.Migrations.PostgreSql
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
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "PasswordChangeAccountId",
                table: "Journeys",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PasswordChangeStamp",
                table: "Journeys",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ForceChangePasswordNextSignIn",
                table: "AspNetUsers",
                type: "boolean",
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
