namespace IdP.Server.Tests.PasswordReset;

/// <summary>
/// The tenant switch lives in the database: configuration sets it on first start (creating the named group), later
/// starts leave it alone, and changes go through the settings service with its checks.
/// </summary>
public abstract class ResetSettingsTests(IdPFactory factory) : IAsyncLifetime
{
    public static readonly Guid ConfiguredGroup = Guid.Parse("0b9c4d1e-5f6a-4b7c-8d9e-0f1a2b3c4d5e");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await factory.SetResetModeAsync(PasswordResetMode.Selected, ConfiguredGroup);

    [Fact]
    public async Task The_configured_switch_is_written_on_first_start_with_its_group()
    {
        var settings = await SettingsAsync(factory);
        Assert.Equal(new PasswordResetSettings(PasswordResetMode.Selected, ConfiguredGroup), settings);
        Assert.True(await factory.WithDbAsync(db => db.Groups.AnyAsync(g => g.Id == ConfiguredGroup)));
        Assert.NotNull(await factory.WithDbAsync(db => db.Tenants.Select(t => t.PasswordResetConfiguredAt).SingleAsync()));
    }

    [Fact]
    public async Task Later_starts_keep_the_database_value_whatever_configuration_says()
    {
        await factory.SetResetModeAsync(PasswordResetMode.All);
        await using var restarted = factory.WithWebHostBuilder(b => b.UseSetting("IdP:PasswordReset:Mode", "None"));
        await using var scope = restarted.Services.CreateAsyncScope();
        var onRestart = await scope.ServiceProvider.GetRequiredService<PasswordResetSettingsService>().GetAsync(CancellationToken.None);
        Assert.Equal(PasswordResetMode.All, onRestart.Mode);
        Assert.Equal(PasswordResetMode.All, (await SettingsAsync(factory)).Mode);
    }

    [Fact]
    public async Task Selected_needs_a_group_that_exists()
    {
        var change = await factory.WithScopeAsync(sp => sp.GetRequiredService<PasswordResetSettingsService>()
            .ChangeAsync(new PasswordResetSettings(PasswordResetMode.Selected, Guid.NewGuid()), CancellationToken.None));
        var invalid = Assert.IsType<PasswordResetSettingsChange.Invalid>(change);
        Assert.Contains(invalid.Errors, e => e.Contains("does not exist", StringComparison.Ordinal));

        var none = await factory.WithScopeAsync(sp => sp.GetRequiredService<PasswordResetSettingsService>()
            .ChangeAsync(new PasswordResetSettings(PasswordResetMode.Selected, null), CancellationToken.None));
        Assert.IsType<PasswordResetSettingsChange.Invalid>(none);
        Assert.Equal(new PasswordResetSettings(PasswordResetMode.Selected, ConfiguredGroup), await SettingsAsync(factory));
    }

    private static Task<PasswordResetSettings> SettingsAsync(IdPFactory factory) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<PasswordResetSettingsService>().GetAsync(CancellationToken.None));
}

/// <summary>A server configured with reset for the members of <see cref="ResetSettingsTests.ConfiguredGroup"/>.</summary>
public sealed class SelectedModeFactory<TDatabase> : IdPFactory<TDatabase>
    where TDatabase : ITestDatabase, new()
{
    public SelectedModeFactory() => With("IdP:PasswordReset:Mode", "Selected").With("IdP:PasswordReset:GroupId", ResetSettingsTests.ConfiguredGroup.ToString());
}

public sealed class ResetSettingsTestsOnSqlite(SelectedModeFactory<Sqlite> factory) : ResetSettingsTests(factory), IClassFixture<SelectedModeFactory<Sqlite>>;

public sealed class ResetSettingsTestsOnPostgres(SelectedModeFactory<Postgres> factory) : ResetSettingsTests(factory), IClassFixture<SelectedModeFactory<Postgres>>;

/// <summary>Bad reset or mail configuration stops start-up with a message naming the setting.</summary>
public sealed class ResetConfigurationTests
{
    [Theory]
    [InlineData("IdP:PasswordReset:CodeLifetimeSeconds", "30", "CodeLifetimeSeconds")]
    [InlineData("IdP:PasswordReset:Mode", "Selected", "GroupId")]
    [InlineData("IdP:Email:Outbox:MaxAttempts", "0", "MaxAttempts")]
    [InlineData("IdP:Email:Smtp:Port", "70000", "Port")]
    [InlineData("IdP:Email:FromAddress", "not an address", "FromAddress")]
    [InlineData("IdP:Telemetry:OtlpEndpoint", "not-a-url", "OtlpEndpoint")]
    public async Task Bad_configuration_stops_start_up_with_a_clear_message(string key, string value, string named)
    {
        var factory = new IdPFactory<Sqlite>();
        factory.With(key, value);
        try
        {
            var failure = await Assert.ThrowsAnyAsync<Exception>(factory.InitializeAsync);
            var validation = Assert.IsType<OptionsValidationException>(Innermost(failure));
            Assert.Contains(validation.Failures, f => f.Contains(named, StringComparison.Ordinal));
        }
        finally
        {
            await factory.DisposeAsync();
        }
    }

    private static Exception Innermost(Exception exception) =>
        exception is OptionsValidationException || exception.InnerException is null ? exception : Innermost(exception.InnerException);
}
