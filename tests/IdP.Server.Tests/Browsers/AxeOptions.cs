using Deque.AxeCore.Commons;

namespace IdP.Server.Tests.Browsers;

/// <summary>What the accessibility checks hold our pages to.</summary>
internal static class AxeOptions
{
    /// <summary>WCAG 2.1 levels A and AA, as axe-core tags its rules.</summary>
    public static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };
}
