using System.Diagnostics;
using System.Text.Json;
using TwitchSentiment.Functions.Tests.Support;
using TwitchSentiment.Pipeline.Replay;
using Xunit.Abstractions;

namespace TwitchSentiment.Functions.Tests;

/// <summary>The published native-AOT binaries (built once per test run when not up to date): build, cold start, memory.</summary>
public sealed class NativeAotFixture : IAsyncLifetime
{
    internal string Folder { get; private set; } = "";

    public async Task InitializeAsync() => Folder = await FunctionBinaries.PublishNativeAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>
/// The native-AOT <c>bootstrap</c> binaries as Lambda runs them: they start fast, need no newer glibc than al2023's,
/// and capture a busy channel's 15 minutes in bounded memory.
/// </summary>
[Collection(FunctionProcessesCollection.Name)]
public sealed class NativeAotTests(NativeAotFixture native, AwsFixture aws, ITestOutputHelper output) : IClassFixture<NativeAotFixture>, IClassFixture<AwsFixture>
{
    /// <summary>The cold-start target: the fastest of five starts must make it.</summary>
    private static readonly TimeSpan ColdStartTarget = TimeSpan.FromMilliseconds(50);

    /// <summary>The median of five starts must stay under this: the target with room for a shared, busy 2-core test machine.</summary>
    private static readonly TimeSpan ColdStartMedianBudget = TimeSpan.FromMilliseconds(150);

    /// <summary>Lambda's smallest sensible memory setting for the scraper, which its peak must stay under.</summary>
    private const long MemoryBudgetBytes = 256L * 1024 * 1024;

    [Theory]
    [InlineData(FunctionKind.Scraper)]
    [InlineData(FunctionKind.Analyzer)]
    [InlineData(FunctionKind.Reporter)]
    public async Task The_binary_asks_for_its_first_invocation_soon_after_it_starts(FunctionKind kind)
    {
        var starts = new List<TimeSpan>();
        for (int run = 0; run < 5; run++)
        {
            await using FunctionProcess function = await FunctionProcess.StartAsync(kind, FunctionBinaries.Native(native.Folder, kind), aws.Environment());
            long firstNext = await function.Server.FirstNextRequest.WaitAsync(TimeSpan.FromSeconds(30));
            starts.Add(Stopwatch.GetElapsedTime(function.StartedAt, firstNext));
        }

        starts.Sort();
        TimeSpan median = starts[starts.Count / 2];
        output.WriteLine($"{FunctionNames.Of(kind)} cold start (process start to first /next), 5 runs: {string.Join(", ", starts.Select(s => $"{s.TotalMilliseconds:0.0} ms"))}; median {median.TotalMilliseconds:0.0} ms");
        Assert.True(starts[0] <= ColdStartTarget, $"the fastest cold start, {starts[0].TotalMilliseconds:0.0} ms, is over {ColdStartTarget.TotalMilliseconds} ms");
        Assert.True(median <= ColdStartMedianBudget, $"median cold start {median.TotalMilliseconds:0.0} ms is over {ColdStartMedianBudget.TotalMilliseconds} ms");
    }

    [Theory]
    [InlineData(FunctionKind.Scraper)]
    [InlineData(FunctionKind.Analyzer)]
    [InlineData(FunctionKind.Reporter)]
    public void The_binary_needs_no_glibc_newer_than_al2023s(FunctionKind kind)
    {
        using var objdump = Process.Start(new ProcessStartInfo("objdump", ["-T", Path.Combine(native.Folder, FunctionNames.Of(kind), "bootstrap")]) { RedirectStandardOutput = true })!;
        string symbols = objdump.StandardOutput.ReadToEnd();
        objdump.WaitForExit();

        Version[] versions = [.. System.Text.RegularExpressions.Regex.Matches(symbols, @"GLIBC_(\d+\.\d+(\.\d+)?)").Select(m => Version.Parse(m.Groups[1].Value)).Distinct()];
        Version highest = versions.Max()!;
        output.WriteLine($"{FunctionNames.Of(kind)} needs glibc {highest}; zip {new FileInfo(Path.Combine(native.Folder, FunctionNames.Of(kind) + ".zip")).Length} bytes");
        Assert.True(highest <= new Version(2, 34), $"{FunctionNames.Of(kind)} needs GLIBC_{highest}; al2023 has 2.34");
    }

    [Fact]
    public async Task A_busy_channels_fifteen_minutes_go_through_the_native_functions_in_bounded_memory()
    {
        // 15 minutes at 60 messages a second (54,000 messages), replayed 90 times as fast: about 10 s.
        TestChat chat = TestChat.Create("busy_chan", 54_000, TimeSpan.FromSeconds(1.0 / 60));
        await using var replay = new ReplayServer(() => chat.Lines, speed: 90);
        await using FunctionProcess scraper = await FunctionProcess.StartAsync(
            FunctionKind.Scraper, FunctionBinaries.Native(native.Folder, FunctionKind.Scraper), aws.Environment(("TWITCH_IRC_URL", replay.Url)));

        InvocationResult scraped = await scraper.InvokeAsync("{\"channel\":\"busy_chan\",\"minutes\":14}", ScraperFunction.SafetyMargin + TimeSpan.FromSeconds(14));

        Assert.True(scraped.Succeeded, scraped.Body);
        long scraperPeak = scraper.PeakResidentBytes();
        JsonElement answer = JsonDocument.Parse(scraped.Body).RootElement;
        Assert.True(replay.Finished.IsCompletedSuccessfully, "the replay did not finish within the capture");
        Assert.Equal(chat.Messages.Count, answer.GetProperty("messages").GetInt64());

        string rawKey = answer.GetProperty("keys")[0].GetString()!;
        await using FunctionProcess analyzer = await FunctionProcess.StartAsync(
            FunctionKind.Analyzer, FunctionBinaries.Native(native.Folder, FunctionKind.Analyzer), aws.Environment());
        InvocationResult analyzed = await analyzer.InvokeAsync(await aws.WaitForEventAsync(aws.RawQueueUrl, rawKey), TimeSpan.FromMinutes(2));
        Assert.True(analyzed.Succeeded, analyzed.Body);
        long analyzerPeak = analyzer.PeakResidentBytes();
        JsonElement record = JsonDocument.Parse(analyzed.Body).RootElement.GetProperty("records")[0];
        Assert.Equal(chat.Messages.Count, record.GetProperty("messages").GetInt64());

        string summary = record.GetProperty("results").GetString() + ".summary.json";
        await using FunctionProcess reporter = await FunctionProcess.StartAsync(
            FunctionKind.Reporter, FunctionBinaries.Native(native.Folder, FunctionKind.Reporter), aws.Environment());
        InvocationResult reported = await reporter.InvokeAsync(await aws.WaitForEventAsync(aws.ResultsQueueUrl, summary), TimeSpan.FromMinutes(2));
        Assert.True(reported.Succeeded, reported.Body);
        long reporterPeak = reporter.PeakResidentBytes();
        Assert.Equal(chat.Messages.Count, JsonDocument.Parse(reported.Body).RootElement.GetProperty("reports")[0].GetProperty("messages").GetInt64());

        output.WriteLine($"peak resident memory for 54,000 messages: scraper {scraperPeak / 1048576.0:0.0} MiB, analyzer {analyzerPeak / 1048576.0:0.0} MiB, reporter {reporterPeak / 1048576.0:0.0} MiB");
        Assert.All(new[] { scraperPeak, analyzerPeak, reporterPeak }, peak => Assert.InRange(peak, 1, MemoryBudgetBytes));
    }
}

/// <summary>
/// Tests that start function processes: one class at a time (so timings are not skewed by each other), all with the
/// binaries of one <see cref="FunctionBinariesFixture"/>.
/// </summary>
[CollectionDefinition(Name)]
public sealed class FunctionProcessesCollection : ICollectionFixture<FunctionBinariesFixture>
{
    internal const string Name = "function processes";
}

/// <summary>
/// The functions the flow tests run: the native-AOT binaries, built once per test run when not up to date (see
/// <see cref="FunctionBinaries.PublishNativeAsync"/>); or, with <c>TWITCH_SENTIMENT_FUNCTIONS=jit</c> (quick local
/// iterations), the same programs from their ordinary build.
/// </summary>
public sealed class FunctionBinariesFixture : IAsyncLifetime
{
    private string? _nativeFolder;

    internal bool IsNativeAot => _nativeFolder is not null;

    public async Task InitializeAsync()
    {
        if (!string.Equals(Environment.GetEnvironmentVariable("TWITCH_SENTIMENT_FUNCTIONS"), "jit", StringComparison.OrdinalIgnoreCase))
        {
            _nativeFolder = await FunctionBinaries.PublishNativeAsync();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    internal FunctionCommand Command(FunctionKind kind) =>
        _nativeFolder is string folder ? FunctionBinaries.Native(folder, kind) : FunctionBinaries.Managed(kind);
}
