namespace IdP.Server.PasswordReset;

internal sealed class EmailCodeSendMapping : IEntityTypeConfiguration<EmailCodeSend>
{
    public void Configure(EntityTypeBuilder<EmailCodeSend> builder)
    {
        builder.ToTable("EmailCodeSends");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.AddressHash).HasMaxLength(64);
        builder.HasIndex(c => new { c.AddressHash, c.SentAt });
        builder.HasIndex(c => c.SentAt);
    }
}
