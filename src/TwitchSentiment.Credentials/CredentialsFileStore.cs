using System.Text;

namespace TwitchSentiment.Credentials;

/// <summary>
/// The credentials document in a local file (the CLI's default store): created readable and writable by the owner
/// only, replaced atomically (a temporary file beside it, then a rename), and refused with a clear error when others
/// may read it.
/// </summary>
public sealed class CredentialsFileStore : ICredentialsStore
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>A store at <paramref name="path"/>.</summary>
    public CredentialsFileStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

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

    private static string ModeText(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
