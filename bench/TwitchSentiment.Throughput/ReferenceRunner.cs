using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace TwitchSentiment.Throughput;

/// <summary>What the reference script printed: its other lines (the checksum), its JSON line, and that line parsed.</summary>
internal sealed record ReferenceRun(IReadOnlyList<string> OtherLines, string JsonLine, ThroughputResult Result);

/// <summary>
/// The reference side of <c>--reference DIR</c>: runs <c>reference_throughput.py</c>, copied next to the harness
/// at build time, with the checkout and the same file, and reads back its last line.
/// </summary>
internal static class ReferenceRunner
{
    internal const string What = "vader-python";

    private const string ScriptFileName = "reference_throughput.py";

    /// <summary>Lines of the script's standard error quoted when it fails: enough for a Python traceback's end.</summary>
    private const int QuotedErrorLines = 8;

    internal static async Task<ReferenceRun> RunAsync(ThroughputArguments arguments, CancellationToken cancellationToken)
    {
        string checkoutPath = arguments.ReferenceCheckoutPath
            ?? throw new ArgumentException("No reference checkout was given.", nameof(arguments));
        string scriptPath = Path.Combine(AppContext.BaseDirectory, ScriptFileName);
        if (!File.Exists(scriptPath))
        {
            throw new ThroughputException($"The reference script is missing at '{scriptPath}'; rebuild the harness.");
        }

        var startInfo = new ProcessStartInfo(arguments.PythonExecutable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        startInfo.ArgumentList.Add(scriptPath);
        startInfo.ArgumentList.Add(Path.GetFullPath(checkoutPath));
        startInfo.ArgumentList.Add(Path.GetFullPath(arguments.TextsPath));

        // Leave the checkout as it was (no __pycache__), and print UTF-8 whatever the locale.
        startInfo.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        startInfo.Environment["PYTHONIOENCODING"] = "utf-8";

        Process process;
        try
        {
            process = Process.Start(startInfo)
                ?? throw new ThroughputException($"Could not start '{arguments.PythonExecutable}'.");
        }
        catch (Win32Exception e)
        {
            throw new ThroughputException(
                $"Could not start '{arguments.PythonExecutable}' ({e.Message}); pass an interpreter with --python EXE.",
                e);
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
                    $"The reference script exited with code {process.ExitCode} and no result:{Environment.NewLine}{tail}");
            }

            string jsonLine = lines[^1];
            ThroughputResult? result;
            try
            {
                result = JsonSerializer.Deserialize(jsonLine, ThroughputJsonContext.Default.ThroughputResult);
            }
            catch (JsonException e)
            {
                throw new ThroughputException($"The reference script's last line is not a result: {jsonLine}", e);
            }

            return result is null
                ? throw new ThroughputException($"The reference script's last line is not a result: {jsonLine}")
                : new ReferenceRun(lines[..^1], jsonLine, result);
        }
    }
}
