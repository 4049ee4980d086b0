using System.Reflection;

namespace TwitchSentiment.Functions.Tests.Support;

/// <summary>How a function is started as a process: the native-AOT <c>bootstrap</c>, or its build's (JIT) apphost.</summary>
/// <param name="FileName">The executable.</param>
/// <param name="Arguments">Its arguments (none today).</param>
/// <param name="IsNativeAot">Whether it is the published native-AOT binary.</param>
internal sealed record FunctionCommand(string FileName, IReadOnlyList<string> Arguments, bool IsNativeAot)
{
    public override string ToString() => $"{FileName} ({(IsNativeAot ? "native AOT" : "JIT build")})";
}

/// <summary>
/// Finds the functions to run. The native-AOT binaries come from <c>functions/build.sh</c>
/// (<c>artifacts/functions/&lt;function&gt;/bootstrap</c>, or the folder in <c>TWITCH_SENTIMENT_FUNCTIONS_DIR</c>) when
/// their zips are newer than every source file; otherwise <see cref="PublishNativeAsync"/> builds them once per test
/// run. <see cref="Managed"/> is the same <c>Program</c> from its ordinary build (the self-contained JIT apphost
/// <c>bin/…/linux-x64/bootstrap</c>, built with this test project).
/// </summary>
internal static class FunctionBinaries
{
    private static readonly SemaphoreSlim PublishGate = new(1, 1);
    private static string? _publishedFolder;

    internal static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The native binaries' folder if they are there and up to date; else null.</summary>
    internal static string? NativeFolder()
    {
        string folder = System.Environment.GetEnvironmentVariable("TWITCH_SENTIMENT_FUNCTIONS_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryRoot, "artifacts", "functions");
        string[] binaries = [.. Enum.GetValues<FunctionKind>().Select(kind => Path.Combine(folder, FunctionNames.Of(kind), "bootstrap"))];
        if (!binaries.All(File.Exists))
        {
            return null;
        }

        // build.sh gives the binaries a fixed time (for reproducible zips); the zips carry when they were built.
        string[] zips = [.. Enum.GetValues<FunctionKind>().Select(kind => Path.Combine(folder, FunctionNames.Of(kind) + ".zip"))];
        if (!zips.All(File.Exists))
        {
            return null;
        }

        DateTime oldest = zips.Min(File.GetLastWriteTimeUtc);
        return NewestSource() <= oldest ? folder : null;
    }

    internal static FunctionCommand Native(string folder, FunctionKind kind) =>
        new(Path.Combine(folder, FunctionNames.Of(kind), "bootstrap"), [], IsNativeAot: true);

    internal static FunctionCommand Managed(FunctionKind kind)
    {
        string configuration = typeof(FunctionBinaries).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        // The build's self-contained apphost: the same Program on the JIT runtime.
        string apphost = Path.Combine(RepositoryRoot, "functions", $"TwitchSentiment.Functions.{kind}", "bin", configuration, "net10.0", "linux-x64", "bootstrap");
        if (!File.Exists(apphost))
        {
            throw new InvalidOperationException($"{apphost} is missing: build the test project (it builds the function projects first).");
        }

        return new FunctionCommand(apphost, [], IsNativeAot: false);
    }

    /// <summary>
    /// The native binaries' folder: the up-to-date ones if there are, else built now with <c>functions/build.sh</c>
    /// into a temporary folder (minutes; once per test run).
    /// </summary>
    internal static async Task<string> PublishNativeAsync()
    {
        if (NativeFolder() is string ready)
        {
            return ready;
        }

        await PublishGate.WaitAsync();
        try
        {
            if (_publishedFolder is null)
            {
                string output = Directory.CreateTempSubdirectory("twitch-sentiment-functions-").FullName;
                using var build = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", [Path.Combine(RepositoryRoot, "functions", "build.sh"), output])
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                })!;
                Task<string> stdout = build.StandardOutput.ReadToEndAsync();
                Task<string> stderr = build.StandardError.ReadToEndAsync();
                await build.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(20));
                if (build.ExitCode != 0)
                {
                    throw new InvalidOperationException($"functions/build.sh failed ({build.ExitCode}):\n{await stdout}\n{await stderr}");
                }

                _publishedFolder = output;
            }

            return _publishedFolder;
        }
        finally
        {
            PublishGate.Release();
        }
    }

    private static DateTime NewestSource()
    {
        DateTime newest = DateTime.MinValue;
        foreach (string top in new[] { "src", "functions" })
        {
            foreach (string file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot, top), "*", SearchOption.AllDirectories))
            {
                if ((file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith(".csproj", StringComparison.Ordinal) || file.EndsWith(".props", StringComparison.Ordinal))
                    && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                {
                    DateTime written = File.GetLastWriteTimeUtc(file);
                    newest = written > newest ? written : newest;
                }
            }
        }

        return newest;
    }

    private static string FindRoot()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "TwitchSentiment.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No TwitchSentiment.slnx above {AppContext.BaseDirectory}.");
    }
}
