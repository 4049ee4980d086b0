namespace TwitchSentiment.Cli;

/// <summary>The process's standard streams, passed in so tests can run commands in-process.</summary>
/// <param name="Input">Standard input, read as bytes.</param>
/// <param name="Output">Standard output, written as UTF-8 bytes.</param>
/// <param name="Error">Standard error, for messages to the user.</param>
internal sealed record CliConsole(Stream Input, Stream Output, TextWriter Error);
