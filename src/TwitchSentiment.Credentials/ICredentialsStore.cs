namespace TwitchSentiment.Credentials;

/// <summary>Where the credentials document lives (a file, an SSM parameter). Adapters let exceptions propagate.</summary>
public interface ICredentialsStore
{
    /// <summary>What to name in messages: the file path or the parameter name.</summary>
    string Name { get; }

    /// <summary>Reads and validates the document.</summary>
    Task<TwitchCredentials> ReadAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the document.</summary>
    Task WriteAsync(TwitchCredentials credentials, CancellationToken cancellationToken = default);
}
