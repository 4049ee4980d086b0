namespace TwitchSentiment.IntegrationTests.Credentials;

/// <summary>Starts several runs at the same moment (released together from one signal) and waits for all of them.</summary>
internal static class ConcurrentRuns
{
    internal static async Task<T[]> StartTogetherAsync<T>(params Func<Task<T>>[] runs)
    {
        using var start = new SemaphoreSlim(0);
        Task<T>[] tasks = runs.Select(run => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await run();
        })).ToArray();
        start.Release(runs.Length);
        return await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(60));
    }
}
