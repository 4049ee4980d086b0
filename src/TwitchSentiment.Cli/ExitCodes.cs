namespace TwitchSentiment.Cli;

/// <summary>The command's exit codes (also listed in the README).</summary>
internal static class ExitCodes
{
    /// <summary>Everything worked.</summary>
    internal const int Success = 0;

    /// <summary>The command ran to the end, but some input was bad (each bad item was reported and skipped).</summary>
    internal const int SomeInputFailed = 1;

    /// <summary>The command line itself is wrong: nothing was done.</summary>
    internal const int UsageError = 2;

    /// <summary>A bug: an error the command did not expect (its type and message are printed; EX_SOFTWARE of sysexits.h).</summary>
    internal const int InternalError = 70;

    /// <summary>Stopped by Ctrl+C (128 + SIGINT, as shells report it).</summary>
    internal const int Cancelled = 130;
}
