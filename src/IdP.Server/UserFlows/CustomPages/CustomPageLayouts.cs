using Microsoft.Extensions.Caching.Memory;

namespace IdP.Server.UserFlows.CustomPages;

/// <summary>
/// Cut layouts by template and language, so a flow's template is parsed once per node and language, not on every page
/// a user of that flow sees. Keyed by the template's SHA-256: a changed template (saved or refreshed on any node, and
/// read fresh from the database by every page) is simply another key; old entries age out of the small bounded cache.
/// </summary>
public sealed class CustomPageLayouts : IDisposable
{
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 64 });

    /// <summary>The layout for <paramref name="template"/> in <paramref name="language"/>, cut once.</summary>
    public CustomPageLayout Of(string template, string language)
    {
        var key = $"{language}:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(template)))}";
        return cache.GetOrCreate(key, entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = TimeSpan.FromHours(1);
            return CustomPageLayout.Of(template, language);
        })!;
    }

    /// <inheritdoc />
    public void Dispose() => cache.Dispose();
}
