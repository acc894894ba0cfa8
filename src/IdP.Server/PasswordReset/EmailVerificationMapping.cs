namespace IdP.Server.PasswordReset;

internal sealed class EmailVerificationMapping : IEntityTypeConfiguration<EmailVerification>
{
    public void Configure(EntityTypeBuilder<EmailVerification> builder)
    {
        builder.ToTable("EmailVerifications");
        builder.Property(v => v.JourneyId).HasMaxLength(32);
        builder.Property(v => v.Address).HasMaxLength(256);
        builder.Property(v => v.Username).HasMaxLength(256);
        builder.Property(v => v.NormalizedUsername).HasMaxLength(256);
        builder.Property(v => v.CodeHash).HasMaxLength(128);
        builder.Property(v => v.Status).HasMaxLength(16);
        builder.Property(v => v.Purpose).HasMaxLength(16);
        builder.Property(v => v.Version).IsConcurrencyToken();
        builder.HasIndex(v => new { v.JourneyId, v.CreatedAt });
        builder.HasOne<AuthorizationJourney>().WithMany().HasForeignKey(v => v.JourneyId).OnDelete(DeleteBehavior.Cascade);
    }
}
