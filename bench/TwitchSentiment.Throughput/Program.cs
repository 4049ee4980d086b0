using TwitchSentiment.Throughput;

// Usage: TwitchSentiment.Throughput vader FILE [--reference DIR] [--python EXE] | twitch FILE | irc FILE [--tmi DIR] | pipeline FILE [--make N]
// Exit codes: 0 done, 1 the run failed (unreadable text, reference failure), 2 bad arguments, 130 cancelled.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await ThroughputCommand.RunAsync(args, Console.Out, Console.Error, cancellation.Token);
