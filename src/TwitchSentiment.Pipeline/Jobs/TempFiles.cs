namespace TwitchSentiment.Pipeline.Jobs;

/// <summary>Temporary files of one job, deleted together on dispose.</summary>
internal sealed class TempFiles : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("twitch-sentiment-").FullName;
    private int _next;

    internal string New(string extension) => Path.Combine(_folder, $"{_next++}{extension}");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }
}
