namespace IdP.Server.PasswordReset;

internal sealed class EmailSendThrottleMapping : IEntityTypeConfiguration<EmailSendThrottle>
{
    public void Configure(EntityTypeBuilder<EmailSendThrottle> builder)
    {
        builder.ToTable("EmailSendThrottles");
        builder.HasKey(t => t.AddressHash);
        builder.Property(t => t.AddressHash).HasMaxLength(64);
    }
}
