using System.ComponentModel.DataAnnotations;

namespace IdP.Core.Tests.PasswordReset;

public sealed class PasswordResetOptionsTests
{
    [Fact]
    public void Defaults_follow_b2c_one_time_password_settings()
    {
        var options = new PasswordResetOptions();
        Assert.Null(options.Mode);
        Assert.Equal(600, options.CodeLifetimeSeconds);
        Assert.Equal(5, options.MaxAttempts);
        Assert.Equal(10, options.MaxCodesPerHour);
        Assert.Equal(20, options.MaxCodesPerDay);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ResendCooldown);
        Assert.False(options.LogCodes);
        Assert.Empty(Problems(options));
    }

    [Theory]
    [InlineData(59, false)]
    [InlineData(60, true)]
    [InlineData(1200, true)]
    [InlineData(1201, false)]
    public void Code_lifetime_must_be_between_60_and_1200_seconds(int seconds, bool valid) =>
        Assert.Equal(valid, Problems(new PasswordResetOptions { CodeLifetimeSeconds = seconds }).Count == 0);

    [Fact]
    public void The_daily_limit_cannot_be_below_the_hourly_one() =>
        Assert.Contains(Problems(new PasswordResetOptions { MaxCodesPerHour = 30, MaxCodesPerDay = 20 }), p => p.Contains("MaxCodesPerDay", StringComparison.Ordinal));

    [Fact]
    public void The_daily_limit_may_equal_the_hourly_one() =>
        Assert.Empty(Problems(new PasswordResetOptions { MaxCodesPerHour = 20, MaxCodesPerDay = 20 }));

    [Fact]
    public void Selected_needs_a_group() =>
        Assert.Contains(Problems(new PasswordResetOptions { Mode = PasswordResetMode.Selected }), p => p.Contains("GroupId", StringComparison.Ordinal));

    [Fact]
    public void An_undefined_mode_is_refused() =>
        Assert.NotEmpty(Problems(new PasswordResetOptions { Mode = (PasswordResetMode)7 }));

    [Fact]
    public void An_undefined_mode_is_refused_naming_the_setting() =>
        Assert.Equal("IdP:PasswordReset:Mode must be None, Selected or All.", Assert.Single(Problems(new PasswordResetOptions { Mode = (PasswordResetMode)7 })));

    private static List<string> Problems(PasswordResetOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage ?? "")];
    }
}
