using System.Reflection;
using PublicApiGenerator;

namespace TwitchSentiment.TestSupport;

/// <summary>
/// A library's public surface against <c>tests/{project}/PublicApi/{library}.approved.txt</c>. A change to it shows up
/// as a diff; accept it by running the tests with <c>UPDATE_GOLDEN=1</c> and reviewing the file.
/// </summary>
public static class PublicApiGolden
{
    /// <summary>Asserts that <paramref name="library"/>'s public API is the approved one kept by <paramref name="testProject"/>.</summary>
    public static async Task AssertApprovedAsync(Assembly library, string testProject)
    {
        ArgumentNullException.ThrowIfNull(library);
        string actual = library.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false });
        string approvedPath = Path.Combine(SharedData.RepositoryRoot, "tests", testProject, "PublicApi", library.GetName().Name + ".approved.txt");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(approvedPath)!);
            await File.WriteAllTextAsync(approvedPath, actual);
        }

        Assert.Equal(await File.ReadAllTextAsync(approvedPath), actual);
    }
}
