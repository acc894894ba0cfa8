using System.Globalization;

namespace IdP.Core.Tests;

/// <summary>Reads something under another culture (formats and UI texts), as a request or process in that language would.</summary>
internal static class Cultures
{
    /// <summary>What <paramref name="read"/> returns with <paramref name="name"/> as the current culture and UI culture.</summary>
    public static T InCulture<T>(string name, Func<T> read)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
            return read();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }
}
