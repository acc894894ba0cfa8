using System.Globalization;
using System.Runtime.CompilerServices;

namespace IdP.Core.Tests;

/// <summary>
/// The core's rule messages and numbers follow the current culture (the admin portal shows them in French), and these
/// tests assert the English texts: so every test thread starts in English, whatever the machine's language. Tests of
/// another language set it themselves.
/// </summary>
internal static class EnglishByDefault
{
    [ModuleInitializer]
    internal static void Initialize() =>
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.GetCultureInfo("en-US");
}
