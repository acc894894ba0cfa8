namespace IdP.Server.Cli;

/// <summary>The exit codes of a command, for scripts.</summary>
public static class CliExit
{
    /// <summary>The command did what it says.</summary>
    public const int Ok = 0;

    /// <summary>The command ran and was refused or failed (invalid value, unknown group, a failed import line, no database).</summary>
    public const int Failed = 1;

    /// <summary>The command line itself is wrong (unknown command, missing or unknown option, a value of the wrong kind).</summary>
    public const int Usage = 2;
}
