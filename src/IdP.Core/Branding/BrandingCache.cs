namespace IdP.Core.Branding;

/// <summary>
/// What pages read of the branding and the string overrides, as this node last loaded them, filed under the
/// <see cref="ConfigurationStamp"/> (a singleton). The values are immutable records and read-only dictionaries, shared
/// by the requests of one stamp.
/// </summary>
public sealed class BrandingCache
{
    // One entry per supported language at most; the bound only guards against a key nobody expects.
    private const int MaxLanguages = 64;

    /// <summary>The tenant's branding by tenant id.</summary>
    public StampedCache<Guid, BrandingSnapshot> Branding { get; } = new(1);

    /// <summary>The string overrides of one language (key to text), by language.</summary>
    public StampedCache<string, IReadOnlyDictionary<string, string>> StringOverrides { get; } = new(MaxLanguages, StringComparer.Ordinal);
}

/// <summary>The branding as pages read it.</summary>
/// <param name="DefaultLanguage">The default language the tenant set, or null (pages then use English).</param>
/// <param name="Details">Texts, colours and the images' metadata (no bytes).</param>
public sealed record BrandingSnapshot(string? DefaultLanguage, BrandingDetails Details)
{
    /// <summary>No branding saved, or no tenant yet.</summary>
    public static BrandingSnapshot None { get; } = new(null, BrandingDetails.Default);
}
