using System.Runtime.InteropServices;

namespace TwitchSentiment.Storage.Internal;

/// <summary>
/// Puts a finished file in place under a name only if no file has that name, in one step that a racing writer cannot
/// slip between. .NET's <see cref="File.Move(string, string, bool)"/> without overwrite is not that on Linux: it
/// checks that the target is missing, then renames over it (seen with strace on .NET 10), so two racing writers can
/// both "win". On Linux and macOS this makes a hard link (<c>link(2)</c> fails if the name exists); on Windows
/// <c>File.Move</c> is a MoveFileEx without replace, which already is one step.
/// </summary>
internal static partial class CreateOnlyMove
{
    // errno values that are the same on Linux and macOS
    private const int EEXIST = 17;
    private const int ENOENT = 2;

    /// <summary>
    /// Gives <paramref name="temporary"/>'s content the name <paramref name="path"/> unless that name exists; returns
    /// false if it does (the caller deletes <paramref name="temporary"/> either way). A folder of that name is an
    /// <see cref="IOException"/>. On a file system without hard links it falls back to <c>File.Move</c>, whose
    /// check-then-rename may let two racing writers both succeed.
    /// </summary>
    internal static bool TryMove(string temporary, string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            if (Link(temporary, path) == 0)
            {
                return true;
            }

            int error = Marshal.GetLastPInvokeError();
            if (error == EEXIST && !Directory.Exists(path))
            {
                return false;
            }

            if (error is EEXIST or ENOENT)
            {
                throw new IOException($"Could not link {temporary} to {path}: {Marshal.GetPInvokeErrorMessage(error)}");
            }

            // no hard links here (EPERM, ENOTSUP, EXDEV, ...): the plain move below
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existingPath, string newPath);
}
