using PublicApiGenerator;
using TwitchSentiment.TestSupport;

namespace TwitchSentiment.Storage.Tests;

/// <summary>
/// The library's public surface against PublicApi/TwitchSentiment.Storage.approved.txt. A change to the public API
/// shows up here as a diff; accept it by running the tests with UPDATE_GOLDEN=1 and reviewing the file.
/// </summary>
public sealed class PublicApiTests
{
    [Theory]
    [InlineData("TwitchSentiment.Storage")]
    [InlineData("TwitchSentiment.Storage.S3")]
    public async Task Public_api_matches_the_approved_file(string assembly)
    {
        System.Reflection.Assembly library = assembly.EndsWith(".S3", StringComparison.Ordinal) ? typeof(S3BlobStore).Assembly : typeof(IBlobStore).Assembly;
        string actual = library.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false });
        string approvedPath = Path.Combine(
            SharedData.RepositoryRoot, "tests", "TwitchSentiment.Storage.Tests", "PublicApi", $"{assembly}.approved.txt");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            await File.WriteAllTextAsync(approvedPath, actual);
        }

        Assert.Equal(await File.ReadAllTextAsync(approvedPath), actual);
    }
}
