namespace TwitchSentiment.Cli;

/// <summary>
/// A command line found wrong only when the command runs (an environment variable, a value checked against the world):
/// <see cref="CliApp"/> prints the message and exits with <see cref="ExitCodes.UsageError"/>.
/// </summary>
internal sealed class UsageException(string message) : Exception(message);
