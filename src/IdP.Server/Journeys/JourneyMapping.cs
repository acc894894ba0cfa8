namespace IdP.Server.Journeys;

internal sealed class JourneyMapping : IEntityTypeConfiguration<AuthorizationJourney>
{
    public void Configure(EntityTypeBuilder<AuthorizationJourney> builder)
    {
        builder.ToTable("Journeys");
        builder.Property(j => j.Id).HasMaxLength(32);
        builder.Property(j => j.BindingHash).HasMaxLength(64);
        builder.Property(j => j.Policy).HasMaxLength(64);
        builder.Property(j => j.TenantSegment).HasMaxLength(253);
        builder.Property(j => j.AuthorizeUrl).HasMaxLength(8192);
        builder.Property(j => j.RequestFingerprint).HasMaxLength(64);
        builder.Property(j => j.SecurityStamp).HasMaxLength(256);
        builder.Property(j => j.PasswordChangeStamp).HasMaxLength(256);
        builder.Property(j => j.MultifactorStamp).HasMaxLength(256);
        builder.Property(j => j.ClientId).HasMaxLength(256);
        builder.Property(j => j.Status).HasMaxLength(16);
        builder.Property(j => j.Version).IsConcurrencyToken();
        builder.HasIndex(j => j.ExpiresAt);
    }
}
