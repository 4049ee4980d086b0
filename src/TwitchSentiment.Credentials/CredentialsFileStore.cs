using System.Text;

namespace TwitchSentiment.Credentials;

/// <summary>
/// The credentials document in a local file (the CLI's default store): created readable and writable by the owner
/// only, replaced atomically (a temporary file beside it, then a rename), and refused with a clear error when others
/// may read it. The refresh lock is an OS lock on a sibling file <c>PATH.lock</c> (kept, empty, owner-only: deleting
/// it would let two runs lock two different files); the OS releases it when a process dies.
/// </summary>
public sealed class CredentialsFileStore : ICredentialsStore
{
    // How .NET reports a file another open handle has locked: on Windows ERROR_SHARING_VIOLATION or ERROR_LOCK_VIOLATION
    // as HRESULTs; on Unix flock's EWOULDBLOCK as the raw errno (11 on Linux, 35 on macOS and the BSDs).
    private const int SharingViolation = unchecked((int)0x80070020);
    private const int LockViolation = unchecked((int)0x80070021);
    private const int LinuxWouldBlock = 11;
    private const int BsdWouldBlock = 35;

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>A store at <paramref name="path"/>.</summary>
    public CredentialsFileStore(string path, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _time = timeProvider ?? TimeProvider.System;
    }

    private readonly TimeProvider _time;

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>The refresh lock's file: <see cref="Path"/> with <c>.lock</c> appended.</summary>
    public string LockPath => Path + ".lock";

    /// <summary>How long <see cref="LockForRefreshAsync"/> waits for another run's lock. Default 30 s.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a waiting run tries the lock again. Default 50 ms.</summary>
    public TimeSpan LockRetryDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <inheritdoc/>
    public string Name => Path;

    /// <summary>Reads and validates the document. Throws <see cref="CredentialsException"/> saying what to fix.</summary>
    public async Task<TwitchCredentials> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path))
        {
            throw new CredentialsException(
                $"No credentials file at {Path}. Create it with 'twitch-sentiment auth init --file {Path}', or leave credentials out to read chat anonymously.");
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(Path) & GroupOrOther) != 0)
        {
            throw new CredentialsException(
                $"The credentials file {Path} can be read by other users (mode {ModeText(File.GetUnixFileMode(Path))}); " +
                $"it holds secrets. Run 'chmod 600 {Path}' and try again.");
        }

        string json = await File.ReadAllTextAsync(Path, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        return TwitchCredentials.Parse(json, Path);
    }

    /// <summary>Writes the document: owner-only, atomically replacing any earlier version.</summary>
    public async Task WriteAsync(TwitchCredentials credentials, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        string directory = System.IO.Path.GetDirectoryName(Path)!;
        Directory.CreateDirectory(directory);
        string temporary = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(Path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.WriteThrough };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        try
        {
            await using (var stream = new FileStream(temporary, options))
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(credentials.ToJson() + "\n"), cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, Path, overwrite: true); // a rename: readers see the old file or the new one, never half
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Locks <see cref="LockPath"/> (opened with <see cref="FileShare.None"/>, an exclusive OS lock) until disposed,
    /// trying again every <see cref="LockRetryDelay"/> for at most <see cref="LockTimeout"/>.
    /// </summary>
    public async Task<IAsyncDisposable> LockForRefreshAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        long started = _time.GetTimestamp();
        while (true)
        {
            try
            {
                return new FileStream(LockPath, options);
            }
            catch (IOException error) when (IsLockedElsewhere(error))
            {
                if (_time.GetElapsedTime(started) >= LockTimeout)
                {
                    throw new TimeoutException(
                        $"Another run has held the refresh lock {LockPath} for more than {LockTimeout.TotalSeconds:0.#} s. " +
                        "The lock goes away with the process holding it: stop a stuck run of twitch-sentiment, then try again.", error);
                }
            }

            await Task.Delay(LockRetryDelay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsLockedElsewhere(IOException error) => OperatingSystem.IsWindows()
        ? error.HResult is SharingViolation or LockViolation
        : error.HResult == (OperatingSystem.IsLinux() ? LinuxWouldBlock : BsdWouldBlock);

    private static string ModeText(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
