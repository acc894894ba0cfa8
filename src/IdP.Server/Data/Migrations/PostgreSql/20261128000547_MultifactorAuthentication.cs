using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdP.Server.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class MultifactorAuthentication : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing flows keep signing in with the password alone: B2C's default, Off, written into each row (an empty
            // string would name no enforcement). Their method is Email, the only one offered.
            migrationBuilder.AddColumn<string>(
                name: "MultifactorEnforcement",
                table: "UserFlows",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Off");

            migrationBuilder.AddColumn<string>(
                name: "MultifactorMethod",
                table: "UserFlows",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Email");

            // Sessions standing at the upgrade began without a second factor: flows without MFA (all of them until an
            // administrator turns it on) accept them as before; an MFA flow asks for the password and the code.
            migrationBuilder.AddColumn<bool>(
                name: "MultifactorAuthenticated",
                table: "SignInSessions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "MultifactorAccountId",
                table: "Journeys",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MultifactorStamp",
                table: "Journeys",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "MultifactorVerified",
                table: "Journeys",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Every code sent before the upgrade was a reset's.
            migrationBuilder.AddColumn<string>(
                name: "Purpose",
                table: "EmailVerifications",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "PasswordReset");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MultifactorEnforcement",
                table: "UserFlows");

            migrationBuilder.DropColumn(
                name: "MultifactorMethod",
                table: "UserFlows");

            migrationBuilder.DropColumn(
                name: "MultifactorAuthenticated",
                table: "SignInSessions");

            migrationBuilder.DropColumn(
                name: "MultifactorAccountId",
                table: "Journeys");

            migrationBuilder.DropColumn(
                name: "MultifactorStamp",
                table: "Journeys");

            migrationBuilder.DropColumn(
                name: "MultifactorVerified",
                table: "Journeys");

            migrationBuilder.DropColumn(
                name: "Purpose",
                table: "EmailVerifications");
        }
    }
}
