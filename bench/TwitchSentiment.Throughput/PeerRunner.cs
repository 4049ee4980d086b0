using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace TwitchSentiment.Throughput;

/// <summary>What a peer's script printed: its other lines (a checksum), its JSON line, and that line parsed.</summary>
internal sealed record PeerRun(IReadOnlyList<string> OtherLines, string JsonLine, ThroughputResult Result);

/// <summary>
/// The other side of a side-by-side measurement: runs a peer's script, copied next to the harness at build time, on
/// the same file, and reads back its last line (a result shaped like ours). <c>--reference DIR</c> times the Python
/// VADER (<c>reference_throughput.py</c>), <c>--tmi DIR</c> tmi.js's IRC parser (<c>irc_peer_tmi.js</c>).
/// </summary>
internal static class PeerRunner
{
    /// <summary>The Python VADER's name in its result and checksum lines.</summary>
    internal const string VaderReferenceWhat = "vader-python";

    /// <summary>Lines of the script's standard error quoted when it fails: enough for a traceback's end.</summary>
    private const int QuotedErrorLines = 8;

    /// <summary>Times the Python reference VADER in the <c>--reference</c> checkout on the texts.</summary>
    internal static Task<PeerRun> RunVaderReferenceAsync(ThroughputArguments arguments, CancellationToken cancellationToken)
    {
        string checkoutPath = arguments.ReferenceCheckoutPath
            ?? throw new ArgumentException("No reference checkout was given.", nameof(arguments));

        // Leave the checkout as it was (no __pycache__), and print UTF-8 whatever the locale.
        return RunAsync(
            arguments.PythonExecutable,
            "reference_throughput.py",
            [Path.GetFullPath(checkoutPath), Path.GetFullPath(arguments.TextsPath)],
            new Dictionary<string, string> { ["PYTHONDONTWRITEBYTECODE"] = "1", ["PYTHONIOENCODING"] = "utf-8" },
            "pass an interpreter with --python EXE",
            cancellationToken);
    }

    /// <summary>Times tmi.js's parser, installed under the <c>--tmi</c> npm prefix, on the IRC lines.</summary>
    internal static Task<PeerRun> RunTmiAsync(ThroughputArguments arguments, CancellationToken cancellationToken)
    {
        string prefix = arguments.TmiPrefixPath ?? throw new ArgumentException("No tmi.js prefix was given.", nameof(arguments));
        return RunAsync(
            arguments.NodeExecutable,
            "irc_peer_tmi.js",
            [Path.GetFullPath(arguments.TextsPath)],
            new Dictionary<string, string> { ["NODE_PATH"] = Path.Combine(Path.GetFullPath(prefix), "node_modules") },
            "install Node.js or pass it with --node EXE",
            cancellationToken);
    }

    private static async Task<PeerRun> RunAsync(
        string executable,
        string scriptFileName,
        IReadOnlyList<string> scriptArguments,
        IReadOnlyDictionary<string, string> environment,
        string fixWhenMissing,
        CancellationToken cancellationToken)
    {
        string scriptPath = Path.Combine(AppContext.BaseDirectory, scriptFileName);
        if (!File.Exists(scriptPath))
        {
            throw new ThroughputException($"The peer script is missing at '{scriptPath}'; rebuild the harness.");
        }

        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        startInfo.ArgumentList.Add(scriptPath);
        foreach (string argument in scriptArguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach ((string name, string value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(startInfo)
                ?? throw new ThroughputException($"Could not start '{executable}'.");
        }
        catch (Win32Exception e)
        {
            throw new ThroughputException($"Could not start '{executable}' ({e.Message}); {fixWhenMissing}.", e);
        }

        using (process)
        {
            Task<string> output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            Task<string> errors = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            string[] lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            string errorText = await errors;
            if (process.ExitCode != 0 || lines.Length == 0)
            {
                string tail = string.Join(
                    Environment.NewLine,
                    errorText.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(QuotedErrorLines));
                throw new ThroughputException(
                    $"The peer script {scriptFileName} exited with code {process.ExitCode} and no result:{Environment.NewLine}{tail}");
            }

            string jsonLine = lines[^1];
            ThroughputResult? result;
            try
            {
                result = JsonSerializer.Deserialize(jsonLine, ThroughputJsonContext.Default.ThroughputResult);
            }
            catch (JsonException e)
            {
                throw new ThroughputException($"The peer script's last line is not a result: {jsonLine}", e);
            }

            return result is null
                ? throw new ThroughputException($"The peer script's last line is not a result: {jsonLine}")
                : new PeerRun(lines[..^1], jsonLine, result);
        }
    }
}
