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

    /// <summary>
    /// Takes the store's refresh lock, held until the result is disposed: one run at a time (across processes and
    /// machines sharing the store) re-reads the document, refreshes and writes it back, so that a refresh token is
    /// used only once. Waits while another run holds it and throws <see cref="TimeoutException"/>, naming the lock and
    /// how to clear it, when that takes too long.
    /// </summary>
    Task<IAsyncDisposable> LockForRefreshAsync(CancellationToken cancellationToken = default);
}
