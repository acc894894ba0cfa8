namespace IdP.Server.Branding;

internal sealed class TenantBrandingMapping : IEntityTypeConfiguration<TenantBranding>
{
    public void Configure(EntityTypeBuilder<TenantBranding> builder)
    {
        builder.ToTable("TenantBrandings");
        builder.HasKey(b => b.TenantId);
        builder.HasOne<Tenant>().WithOne().HasForeignKey<TenantBranding>(b => b.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(b => b.BackgroundColor).HasMaxLength(7);
        builder.Property(b => b.AccentColor).HasMaxLength(7);
        builder.Property(b => b.SignInPageText).HasMaxLength(SignInPageText.MaxLength);
        builder.Property(b => b.UsernameHint).HasMaxLength(BrandingRules.UsernameHintMaxLength);
        builder.Property(b => b.DefaultLanguage).HasMaxLength(8);
    }
}

internal sealed class BrandingImageMapping : IEntityTypeConfiguration<BrandingImage>
{
    public void Configure(EntityTypeBuilder<BrandingImage> builder)
    {
        builder.ToTable("BrandingImages");
        builder.HasKey(i => new { i.TenantId, i.Kind });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(i => i.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(i => i.Kind).HasMaxLength(32);
        builder.Property(i => i.ContentType).HasMaxLength(32);
        builder.Property(i => i.Hash).HasMaxLength(64);
    }
}

internal sealed class StringOverrideMapping : IEntityTypeConfiguration<StringOverride>
{
    public void Configure(EntityTypeBuilder<StringOverride> builder)
    {
        builder.ToTable("StringOverrides");
        builder.HasKey(o => new { o.TenantId, o.Language, o.Key });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(o => o.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(o => o.Language).HasMaxLength(8);
        builder.Property(o => o.Key).HasMaxLength(128);
        builder.Property(o => o.Value).HasMaxLength(StringOverrideService.MaxLength);
    }
}
