namespace IdP.Server.SignIn;

internal sealed class SignInThrottleMapping : IEntityTypeConfiguration<SignInThrottle>
{
    public void Configure(EntityTypeBuilder<SignInThrottle> builder)
    {
        builder.ToTable("SignInThrottles");
        builder.HasKey(t => t.KeyHash);
        builder.Property(t => t.KeyHash).HasMaxLength(64);
    }
}
