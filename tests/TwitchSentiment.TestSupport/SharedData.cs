namespace TwitchSentiment.TestSupport;

/// <summary>
/// Finds <c>../shared</c> beside the repository (or <c>TWITCH_SENTIMENT_SHARED</c>), where the reference data
/// for tests lives. The product never reads it; tests that need it fail with a message saying where it was sought.
/// </summary>
public static class SharedData
{
    /// <summary>The repository root: the folder holding TwitchSentiment.slnx.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The shared folder.</summary>
    public static string Root
    {
        get
        {
            string path = Environment.GetEnvironmentVariable("TWITCH_SENTIMENT_SHARED") is { Length: > 0 } configured
                ? Path.GetFullPath(configured)
                : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));
            if (!Directory.Exists(Path.Combine(path, "data")))
            {
                throw new DirectoryNotFoundException(
                    $"The shared test data folder '{path}' has no 'data' folder. Put the shared folder beside the " +
                    "repository (../shared) or set TWITCH_SENTIMENT_SHARED to it.");
            }

            return path;
        }
    }

    /// <summary>A path under <c>shared/data</c>.</summary>
    public static string DataPath(params string[] parts) => Path.Combine([Root, "data", .. parts]);

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TwitchSentiment.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No TwitchSentiment.slnx above '{AppContext.BaseDirectory}'.");
    }
}
