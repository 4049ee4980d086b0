namespace TwitchSentiment.Deploy.Model;

/// <summary>
/// The configuration cannot be deployed. <see cref="Exception.Message"/> lists every problem, one a line, each naming
/// the configuration key, what is wrong and how to fix it; <see cref="Problems"/> holds them one by one.
/// </summary>
public sealed class DeploymentConfigException : Exception
{
    /// <summary>Creates the exception for <paramref name="problems"/> (at least one).</summary>
    public DeploymentConfigException(IReadOnlyList<string> problems)
        : base(Describe(problems)) => Problems = problems;

    /// <summary>Creates the exception for one problem.</summary>
    public DeploymentConfigException(string message)
        : this([message])
    {
    }

    /// <summary>Creates the exception with no problem listed (for serializers and tooling).</summary>
    public DeploymentConfigException()
        : this("the deployment configuration is not valid")
    {
    }

    /// <summary>Creates the exception for one problem with its cause.</summary>
    public DeploymentConfigException(string message, Exception innerException)
        : base(message, innerException) => Problems = [message];

    /// <summary>Each problem: the key, what is wrong, and the fix.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Describe(IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count == 1
            ? "The deployment configuration cannot be deployed: " + problems[0]
            : $"The deployment configuration cannot be deployed ({problems.Count} problems):\n- " + string.Join("\n- ", problems);
    }
}
