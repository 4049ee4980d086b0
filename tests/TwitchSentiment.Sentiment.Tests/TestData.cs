namespace TwitchSentiment.Sentiment.Tests;

/// <summary>Files under this project's Data folder (copied next to the test assembly).</summary>
internal static class TestData
{
    internal static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);
}
