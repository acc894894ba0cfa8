using System.Runtime.CompilerServices;

namespace IdP.Server.Tests.Infrastructure;

/// <summary>Settings every host this test process starts shares.</summary>
internal static class TestHostDefaults
{
    /// <summary>
    /// English test threads (below), and no file watchers for appsettings: the suite starts dozens of hosts, each would hold inotify instances, and past
    /// the kernel's per-user limit (128 by default) a host fails to start with a 500. Tests never edit appsettings.
    /// </summary>
    [ModuleInitializer]
    internal static void Initialize()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");

        // Tests that call the core directly assert its English rule messages, which follow the current culture: every
        // test thread starts in English, whatever the machine's language (requests get theirs from the request).
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.GetCultureInfo("en-US");
    }
}
