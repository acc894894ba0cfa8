namespace IdP.Server.RunNow;

/// <summary>A token's section on the viewer: its element id, heading, one-line introduction and the token.</summary>
public sealed record TokenSection(string Id, string Title, string Intro, TokenView Token);
