using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

// Every suite in this assembly, chosen with BenchmarkDotNet's own switches, for example:
//   dotnet run -c Release --project bench/TwitchSentiment.Benchmarks -- --filter '*ShortLine*'
//   dotnet run -c Release --project bench/TwitchSentiment.Benchmarks -- --filter '*' --job Dry   (what CI runs)
// A suite that fails to build or run makes the exit code 1, so a dry job in CI fails loudly rather than
// printing an empty table.
IEnumerable<Summary> summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success))
    ? 1
    : 0;
