namespace IdP.Server.Data;

/// <summary>
/// Which tables are configuration: their every insert, update and delete moves the configuration stamp
/// (<see cref="Core.Data.ConfigurationStamp"/>) through a database trigger, in the writer's own transaction, so the
/// per-node caches filed under the stamp are never served after a change on any node. The one list; the trigger
/// coverage test checks the database against it, and that every table of the model is on one of the two lists.
/// A migration that adds a table to <see cref="Stamped"/> creates its triggers with <see cref="PostgreSqlTriggers"/> /
/// <see cref="SqliteTriggers"/> (migrations keep their own copy of the names: a migration never changes afterwards).
/// </summary>
public static class ConfigurationTables
{
    /// <summary>Tables whose changes move the stamp: what an operator, the seed or the CLI changes and requests read as configuration.</summary>
    public static readonly IReadOnlyList<string> Stamped =
    [
        // The tenant: its names resolve every policy path; the reset switch; the token's tid.
        "Tenants",

        // User flows: token lifetimes, claims, issuer form, sign-in settings, custom page URI and fetched content.
        "UserFlows",

        // Our app registrations: reply URLs, API scopes and permissions, client-credentials switch (JSON columns of
        // this table), and their secrets (a revoked secret must be refused by every node's next request).
        "Applications",
        "ClientSecrets",

        // OpenIddict's protocol view of the applications (client type, permissions) and the scopes with their resources.
        "OpenIddictApplications",
        "OpenIddictScopes",

        // Company branding, its images and the tenant's string overrides (for page-side caches).
        "TenantBrandings",
        "BrandingImages",
        "StringOverrides",
    ];

    /// <summary>
    /// Tables that do not move the stamp, and why: per-user or per-request rows that change with traffic (a trigger
    /// there would make every cache reload all the time), or state with a mechanism of its own.
    /// </summary>
    public static readonly IReadOnlyList<string> NotStamped =
    [
        // Accounts and what belongs to one account: read fresh per request, never cached under the stamp.
        "AspNetUsers", "AspNetUserClaims", "AspNetUserLogins", "AspNetUserRoles", "AspNetUserTokens", "SignInNames",

        // Roles are unused by the server; nothing is cached from them.
        "AspNetRoles", "AspNetRoleClaims",

        // Groups and memberships: read per account (the reset switch's Selected mode); no cache depends on them.
        "Groups", "GroupMembers",

        // Tokens and authorizations: written by every grant.
        "OpenIddictTokens", "OpenIddictAuthorizations",

        // Sessions, journeys, throttles, counters, codes, mail, audit, Run now: per-user or per-request churn.
        "SignInSessions", "Journeys", "SignInThrottles", "RateLimitCounters", "EmailVerifications", "EmailSendThrottles",
        "EmailCodeSends", "OutboxMessages", "AuditEvents", "RunNowRuns",

        // Keys: the key ring has its own refresh (IdP:Keys:RefreshInterval) and rotation; Data Protection its own.
        "SigningKeys", "DataProtectionKeys",

        // The stamp itself.
        "ConfigurationStamps",
    ];

    /// <summary>The PostgreSQL function every trigger calls (created once, by the migration that adds the stamp).</summary>
    public const string PostgreSqlFunction =
        """
        CREATE OR REPLACE FUNCTION "BumpConfigurationStamp"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE "ConfigurationStamps" SET "Version" = "Version" + 1 WHERE "Id" = 1;
            RETURN NULL;
        END
        $$;
        """;

    /// <summary>
    /// One statement-level trigger for every write to <paramref name="table"/> (a bulk update moves the stamp once).
    /// It also fires for a statement that changed no row: a stamp moved for nothing only costs the caches one reload.
    /// </summary>
    public static string PostgreSqlTriggers(string table) =>
        $"""
        CREATE TRIGGER "{table}_ConfigurationStamp" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}"
        FOR EACH STATEMENT EXECUTE FUNCTION "BumpConfigurationStamp"();
        """;

    private static readonly string[] SqliteOperations = ["INSERT", "UPDATE", "DELETE"];

    /// <summary>SQLite has row triggers only: one per operation.</summary>
    public static string SqliteTriggers(string table) =>
        string.Concat(SqliteOperations.Select(operation =>
            $"""
            CREATE TRIGGER "{table}_ConfigurationStamp_{operation}" AFTER {operation} ON "{table}"
            BEGIN
                UPDATE "ConfigurationStamps" SET "Version" = "Version" + 1 WHERE "Id" = 1;
            END;

            """));
}
