using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace IdP.Server.UserFlows;

internal sealed class UserFlowMapping : IEntityTypeConfiguration<UserFlow>
{
    public void Configure(EntityTypeBuilder<UserFlow> builder)
    {
        builder.ToTable("UserFlows");
        builder.Property(f => f.Name).HasMaxLength(64);
        builder.Property(f => f.NormalizedName).HasMaxLength(64);
        builder.HasIndex(f => f.NormalizedName).IsUnique();

        // Enums as text: the database stays readable and reordering an enum cannot change stored meaning.
        builder.Property(f => f.Type).HasConversion<string>().HasMaxLength(32);
        builder.Property(f => f.SignInType).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.RefreshTokenSlidingWindow).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.IssuerFormat).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.SubjectClaim).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.PolicyClaim).HasConversion<string>().HasMaxLength(8);
        builder.Property(f => f.SessionTimeout).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.PasswordResetBehavior).HasConversion<string>().HasMaxLength(16);

        builder.Property(f => f.ApplicationClaims)
            .HasConversion(
                v => string.Join(' ', v),
                v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList(),
                new ValueComparer<List<string>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode(StringComparison.Ordinal))), v => v.ToList()))
            .HasMaxLength(512);

        builder.Property(f => f.CustomPageUri).HasMaxLength(2048);
        builder.Property(f => f.CustomPageError).HasMaxLength(512);

        builder.ComplexProperty(f => f.PasswordComplexity, c =>
        {
            c.Property(p => p.Level).HasConversion<string>().HasMaxLength(16).HasColumnName("PasswordComplexity");
            c.Property(p => p.MinLength).HasColumnName("PasswordMinLength");
            c.Property(p => p.MaxLength).HasColumnName("PasswordMaxLength");
            c.Property(p => p.RequiredClassCount).HasColumnName("PasswordRequiredClassCount");
            c.Property(p => p.NumbersOnly).HasColumnName("PasswordNumbersOnly");
        });
    }
}
