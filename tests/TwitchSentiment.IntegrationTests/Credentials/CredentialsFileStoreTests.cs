using TwitchSentiment.Credentials;

namespace TwitchSentiment.IntegrationTests.Credentials;

/// <summary>The file store on the real file system, in a folder of its own per test (Unix permissions).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CredentialsFileStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("twitch-sentiment-credentials-").FullName;

    private static TwitchCredentials Sample(string accessToken = "access-1234") => new()
    {
        Nickname = "ronni",
        ClientId = "cid",
        ClientSecret = "client-secret-value",
        RefreshToken = "refresh-value",
        AccessToken = accessToken,
    };

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Write_creates_an_owner_only_file_that_reads_back()
    {
        var store = new CredentialsFileStore(Path.Combine(_folder, "sub", "twitch.json"));

        await store.WriteAsync(Sample());

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.Path));
        Assert.Equal(Sample(), await store.ReadAsync());
    }

    [Fact]
    public async Task Write_replaces_the_old_document_and_leaves_no_temporary_file()
    {
        var store = new CredentialsFileStore(Path.Combine(_folder, "twitch.json"));
        await store.WriteAsync(Sample("first-token"));

        await store.WriteAsync(Sample("second-token"));

        Assert.Equal("second-token", (await store.ReadAsync()).AccessToken);
        Assert.Equal(["twitch.json"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_file_others_can_read_is_refused_with_the_chmod_to_run()
    {
        var store = new CredentialsFileStore(Path.Combine(_folder, "twitch.json"));
        await store.WriteAsync(Sample());
        File.SetUnixFileMode(store.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var error = await Assert.ThrowsAsync<CredentialsException>(() => store.ReadAsync());

        Assert.Contains("mode 0644", error.Message, StringComparison.Ordinal);
        Assert.Contains($"chmod 600 {store.Path}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_says_how_to_create_it()
    {
        var store = new CredentialsFileStore(Path.Combine(_folder, "none.json"));

        var error = await Assert.ThrowsAsync<CredentialsException>(() => store.ReadAsync());

        Assert.Contains("auth init --file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_file_names_the_file_and_the_position()
    {
        string path = Path.Combine(_folder, "twitch.json");
        await File.WriteAllTextAsync(path, "{\"nickname\": \"ronni\",\n  \"client_id\": ");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var error = await Assert.ThrowsAsync<CredentialsException>(() => new CredentialsFileStore(path).ReadAsync());

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON (line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_refresh_lock_is_held_by_one_store_object_at_a_time_until_released()
    {
        string path = Path.Combine(_folder, "twitch.json");
        var first = new CredentialsFileStore(path);
        var second = new CredentialsFileStore(path) { LockRetryDelay = TimeSpan.FromMilliseconds(10) };
        IAsyncDisposable held = await first.LockForRefreshAsync();

        Task<IAsyncDisposable> waiting = second.LockForRefreshAsync();
        await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromMilliseconds(300))); // a bounded look: it must still be waiting
        bool waitedWhileHeld = !waiting.IsCompleted;
        await held.DisposeAsync();
        await using IAsyncDisposable taken = await waiting.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(waitedWhileHeld, "the second store object took the lock while the first held it");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(first.LockPath));
    }

    [Fact]
    public async Task A_lock_held_too_long_is_a_timeout_naming_the_lock_file()
    {
        string path = Path.Combine(_folder, "twitch.json");
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var waiter = new CredentialsFileStore(path, clock) { LockTimeout = TimeSpan.FromSeconds(30), LockRetryDelay = TimeSpan.FromSeconds(1) };
        await using IAsyncDisposable held = await new CredentialsFileStore(path).LockForRefreshAsync();

        Task<IAsyncDisposable> waiting = waiter.LockForRefreshAsync();
        for (int i = 0; i < 40 && !waiting.IsCompleted; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10); // real time for the waiter's next attempt to run
        }

        var error = await Assert.ThrowsAsync<TimeoutException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains(path + ".lock", error.Message, StringComparison.Ordinal);
        Assert.Contains("more than 30 s", error.Message, StringComparison.Ordinal);
    }
}
