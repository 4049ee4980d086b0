using PublicApiGenerator;
using TwitchSentiment.Functions.Runtime;
using TwitchSentiment.TestSupport;

namespace TwitchSentiment.Functions.Tests;

/// <summary>
/// The function libraries' public surface against PublicApi/*.approved.txt. A change shows up here as a diff; accept it
/// by running the tests with UPDATE_GOLDEN=1 and reviewing the files.
/// </summary>
public sealed class PublicApiTests
{
    [Theory]
    [InlineData(typeof(LambdaRuntime), "TwitchSentiment.Functions.Runtime")]
    [InlineData(typeof(FunctionHost), "TwitchSentiment.Functions")]
    public async Task Public_api_matches_the_approved_file(Type anyType, string assembly)
    {
        string actual = anyType.Assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false });
        string approvedPath = Path.Combine(SharedData.RepositoryRoot, "tests", "TwitchSentiment.Functions.Tests", "PublicApi", assembly + ".approved.txt");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            await File.WriteAllTextAsync(approvedPath, actual);
        }

        Assert.Equal(await File.ReadAllTextAsync(approvedPath), actual);
    }
}
