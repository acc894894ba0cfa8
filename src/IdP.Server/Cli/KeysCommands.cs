namespace IdP.Server.Cli;

/// <summary>
/// <c>keys rotate</c>: publishes a new signing key and a new encryption key now through <see cref="KeyRing"/>, the
/// same succession the schedule uses. The signing key is in JWKS at once (every node re-reads keys within
/// <c>IdP:Keys:RefreshInterval</c>) and signs after <c>IdP:Keys:PublishAhead</c>, so relying parties that cache JWKS
/// never meet a token signed by a key they have not seen; the old keys keep validating until their tokens expire.
/// </summary>
internal static class KeysCommands
{
    public static Command Create(CliHost cli)
    {
        var rotate = new Command("rotate", CliText.Get("KeysRotateDescription"));
        rotate.SetAction((parsed, cancellationToken) => cli.RunAsync(initialize: true, async (services, token) =>
        {
            var ring = services.GetRequiredService<KeyRing>();
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var created = new List<LoadedKey>();
            foreach (var use in Enum.GetValues<KeyUse>())
            {
                var before = ring.Current.Keys.Select(k => k.Id).ToHashSet(StringComparer.Ordinal);
                await ring.RotateNowAsync(use, token);
                created.AddRange(ring.Current.Keys.Where(k => k.Use == use && !before.Contains(k.Id)));
            }

            if (created.Count == 0)
            {
                return cli.Fail(CliText.Get("KeysNotRotated"));
            }

            var recorded = await services.GetRequiredService<AdminAudit>().RecordAsync<IReadOnlyList<LoadedKey>>(
                CliHost.Actor,
                () => Task.FromResult<AdminResult<IReadOnlyList<LoadedKey>>>(new AdminResult<IReadOnlyList<LoadedKey>>.Done(created)),
                keys => new AdminEvent(AdminEventTypes.KeysRotated, "keys", string.Join(", ", keys.Select(k => $"{k.Use} key {k.Id} activates {CliText.Time(k.ActivatesAt)}"))),
                token);
            if (recorded is not AdminResult<IReadOnlyList<LoadedKey>>.Done)
            {
                return cli.Fail(CliText.Get("KeysNotAudited"));
            }

            foreach (var key in created)
            {
                var active = ring.Current.Active(key.Use, now);
                cli.Console.Out.WriteLine(CliText.Format(key.Use == KeyUse.Signing ? "KeysSigningCreated" : "KeysEncryptionCreated", key.Id, CliText.Time(key.ActivatesAt), active?.Id ?? "-"));
            }

            var refresh = services.GetRequiredService<IOptions<KeyOptions>>().Value.RefreshInterval;
            cli.Console.Out.WriteLine(CliText.Format("KeysPublished", refresh));
            return CliExit.Ok;
        }, cancellationToken));

        return new Command("keys", CliText.Get("KeysDescription")) { rotate };
    }
}
