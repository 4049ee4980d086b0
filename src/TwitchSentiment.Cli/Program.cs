using TwitchSentiment.Cli;

// The host owns the root token: Ctrl+C cancels it, and the command stops with exit code 130. SIGTERM (how a service
// manager or `kill` stops a process) does the same, so a capture still stores what it captured.
using var cancellation = new CancellationTokenSource();
// A second Ctrl+C or SIGTERM is not caught: it ends a shutdown that hangs.
void Stop(System.Runtime.InteropServices.PosixSignalContext signal)
{
    signal.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
}

using var interrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, Stop);
using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, Stop);

await using Stream input = Console.OpenStandardInput();
await using var output = new BufferedStream(Console.OpenStandardOutput(), 64 * 1024);
var console = new CliConsole(input, output, Console.Error) { Terminal = Console.IsInputRedirected ? null : new SystemTerminal() };
int exitCode = await CliApp.RunAsync(args, console, Console.Out, cancellation.Token);
await output.FlushAsync();
return exitCode;
