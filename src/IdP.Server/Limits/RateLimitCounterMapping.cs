namespace IdP.Server.Limits;

/// <summary>Table and column names here are also in <see cref="RateLimitStore"/>'s upsert.</summary>
internal sealed class RateLimitCounterMapping : IEntityTypeConfiguration<RateLimitCounter>
{
    public void Configure(EntityTypeBuilder<RateLimitCounter> builder)
    {
        builder.ToTable("RateLimitCounters");
        builder.HasKey(c => c.Key);
        builder.Property(c => c.Key).HasMaxLength(64);
        builder.HasIndex(c => c.ExpiresAt);
    }
}
