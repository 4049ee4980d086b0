using System.CommandLine;
using TwitchSentiment.Storage;

namespace TwitchSentiment.Cli;

/// <summary>
/// Where a command keeps raw logs, results and reports: <c>--store DIR</c> (a local folder), <c>--s3 s3://bucket/prefix</c>,
/// or by default <c>$TWITCH_SENTIMENT_STORE</c>, else the folder <c>twitch-sentiment-data</c> in the current directory.
/// </summary>
internal sealed class StoreOptions
{
    internal const string Variable = "TWITCH_SENTIMENT_STORE";
    internal const string DefaultFolder = "twitch-sentiment-data";

    internal Option<string?> Folder { get; } = new Option<string?>("--store")
    {
        Description = $"The local folder to keep raw logs, results and reports in (default: ${Variable}, else ./{DefaultFolder}).",
    }.NotEmpty("a folder path");

    internal Option<string?> S3 { get; } = new Option<string?>("--s3")
    {
        Description = "Keep them in S3 instead: s3://bucket/prefix (credentials, region and AWS_ENDPOINT_URL as the AWS CLI finds them).",
    }.NotEmpty("an s3://bucket/prefix location");

    internal void AddTo(Command command)
    {
        command.Options.Add(Folder);
        command.Options.Add(S3);
        command.Validators.Add(result =>
        {
            if (result.GetValue(Folder) is not null && result.GetValue(S3) is not null)
            {
                result.AddError("--store and --s3 cannot be used together: choose a local folder or an S3 location.");
            }

            if (result.GetValue(Folder) is { Length: > 0 } folder && BlobStores.LocationProblem(folder) is { } folderProblem)
            {
                result.AddError($"--store: {folderProblem}"); // an s3: location typed after --store
            }

            if (result.GetValue(S3) is { Length: > 0 } s3)
            {
                if (!s3.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
                {
                    result.AddError($"--s3 must be an s3://bucket/prefix location, not '{s3}'.");
                }
                else if (BlobStores.LocationProblem(s3) is { } problem)
                {
                    result.AddError($"--s3: {problem}");
                }
            }
        });
    }

    /// <summary>The location the options name (an empty or blank variable counts as unset).</summary>
    internal string Location(ParseResult result) =>
        result.GetValue(S3) ?? result.GetValue(Folder) ?? (Environment.GetEnvironmentVariable(Variable) is { } fromVariable && !string.IsNullOrWhiteSpace(fromVariable) ? fromVariable : DefaultFolder);

    /// <summary>
    /// Opens the store the options name. Throws <see cref="UsageException"/> when the location came from
    /// <c>$TWITCH_SENTIMENT_STORE</c> and is not one (the options were checked when the command line was parsed).
    /// </summary>
    internal IBlobStore Open(ParseResult result)
    {
        string location = Location(result);
        if (BlobStores.LocationProblem(location) is { } problem)
        {
            string source = result.GetValue(S3) is not null ? "--s3" : result.GetValue(Folder) is not null ? "--store" : "$" + Variable;
            throw new UsageException($"{source}: {problem}");
        }

        return Open(location);
    }

    /// <summary>Opens a folder or S3 location; S3 honours <c>AWS_ENDPOINT_URL</c> (MinIO, LocalStack, moto) as the AWS CLI does.</summary>
    internal static IBlobStore Open(string location) =>
        BlobStores.Open(location, s3 => s3 with { ServiceUrl = S3BlobStoreOptions.EndpointFromEnvironment(Environment.GetEnvironmentVariable) });
}
