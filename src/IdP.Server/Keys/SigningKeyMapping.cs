namespace IdP.Server.Keys;

internal sealed class SigningKeyMapping : IEntityTypeConfiguration<SigningKey>
{
    public void Configure(EntityTypeBuilder<SigningKey> builder)
    {
        builder.ToTable("SigningKeys");
        builder.Property(k => k.Id).HasMaxLength(64);
        builder.Property(k => k.Use).HasMaxLength(16);
        builder.HasIndex(k => new { k.Use, k.Generation }).IsUnique();
    }
}
