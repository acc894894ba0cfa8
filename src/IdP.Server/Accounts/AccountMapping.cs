namespace IdP.Server.Accounts;

internal sealed class AccountMapping : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.Property(a => a.DisplayName).HasMaxLength(256);
        builder.Property(a => a.GivenName).HasMaxLength(128);
        builder.Property(a => a.Surname).HasMaxLength(128);
        builder.HasMany(a => a.SignInNames).WithOne().HasForeignKey(n => n.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SignInNameMapping : IEntityTypeConfiguration<SignInName>
{
    public void Configure(EntityTypeBuilder<SignInName> builder)
    {
        builder.ToTable("SignInNames");
        builder.Property(n => n.Kind).HasMaxLength(16);
        builder.Property(n => n.Value).HasMaxLength(256);
        builder.Property(n => n.NormalizedValue).HasMaxLength(256);
        builder.HasIndex(n => new { n.Kind, n.NormalizedValue }).IsUnique();
    }
}
