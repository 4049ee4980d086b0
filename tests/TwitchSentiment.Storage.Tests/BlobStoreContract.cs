namespace TwitchSentiment.Storage.Tests;

/// <summary>
/// The <see cref="IBlobStore"/> contract, run against every implementation: each derived class gives a fresh, empty
/// store per test (xunit makes one class instance per test) and can show what an implementation hides from listings.
/// </summary>
public abstract class BlobStoreContract
{
    /// <summary>Generous for a 12 MiB multipart upload to moto on a busy two-core machine.</summary>
    protected const int TimeoutMilliseconds = 120_000;

    /// <summary>Keys stored out of order: upper before lower case, '.' (0x2E) before '/' (0x2F), '-' before both.</summary>
    private static readonly string[] ListingKeys =
    [
        "raw/b/2.log", "results/a.csv", "raw/a/1.log", "raw-x/1.log", "raw/a.txt", "raw/A.log", "raw/a/0.log", "raw/ab/3.log",
    ];

    /// <summary>A fresh, empty store for this test.</summary>
    protected abstract IBlobStore Store { get; }

    /// <summary>
    /// Everything the implementation holds for this store that a listing does not show: temporary files, unfinished
    /// multipart uploads, objects with names that are not keys. Empty for a store with nothing half-written.
    /// </summary>
    protected abstract Task<IReadOnlyList<string>> HiddenLeftoversAsync();

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Put_then_OpenRead_round_trips_the_bytes_of_a_non_seekable_stream()
    {
        byte[] content = Some.Bytes(300_000, seed: 1);

        bool stored = await Store.PutAsync("raw/chan/2026/11/24/a.log.gz", new SourceStream(content));

        Assert.True(stored);
        Assert.Equal(content, await ReadAsync("raw/chan/2026/11/24/a.log.gz"));
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Put_of_an_empty_stream_stores_an_empty_blob()
    {
        Assert.True(await Store.PutAsync("results/empty.csv", new SourceStream([])));

        Assert.True(await Store.ExistsAsync("results/empty.csv"));
        Assert.Empty(await ReadAsync("results/empty.csv"));
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task A_large_blob_round_trips_whole()
    {
        // 12 MiB: on S3 with the test's 5 MiB threshold and parts this goes as a three-part multipart upload.
        byte[] content = Some.Bytes(12 * 1024 * 1024 + 123, seed: 2);

        Assert.True(await Store.PutAsync("raw/big.log.gz", new SourceStream(content)));

        Assert.Equal(content, await ReadAsync("raw/big.log.gz"));
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Keys_with_non_ascii_characters_round_trip_and_list()
    {
        const string Key = "raw/ünïcödé chan/😀 + more.log";
        byte[] content = Some.Bytes(1000, seed: 3);

        Assert.True(await Store.PutAsync(Key, new SourceStream(content)));

        Assert.Equal(content, await ReadAsync(Key));
        Assert.Equal([Key], await ListAsync("raw/ü"));
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Put_of_a_stored_key_returns_false_and_keeps_the_first_content()
    {
        byte[] first = Some.Bytes(5000, seed: 4);
        byte[] second = Some.Bytes(6000, seed: 5);
        Assert.True(await Store.PutAsync("results/r.csv", new SourceStream(first)));

        bool storedAgain = await Store.PutAsync("results/r.csv", new SourceStream(second));

        Assert.False(storedAgain);
        Assert.Equal(first, await ReadAsync("results/r.csv"));
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Replace_stores_a_new_key_and_replaces_a_stored_one_whole_leaving_nothing_behind()
    {
        byte[] first = Some.Bytes(5000, seed: 14);
        byte[] second = Some.Bytes(3000, seed: 15);

        await Store.ReplaceAsync("reports/chan/2026/11/24.html", new SourceStream(first));
        await Store.ReplaceAsync("reports/chan/2026/11/24.html", new SourceStream(second));

        Assert.Equal(second, await ReadAsync("reports/chan/2026/11/24.html"));
        Assert.Equal(["reports/chan/2026/11/24.html"], await ListAsync("reports/"));
        Assert.Empty(await HiddenLeftoversAsync());
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task A_key_stored_while_a_put_is_under_way_wins_and_the_put_returns_false()
    {
        // Given a put that has read all its content but not yet committed it
        byte[] slow = Some.Bytes(40_000, seed: 6);
        byte[] fast = Some.Bytes(30_000, seed: 7);
        bool? fastStored = null;
        var source = new SourceStream(slow, pauseAt: slow.Length, atPause: async () =>
        {
            // When another writer stores the key first
            fastStored = await Store.PutAsync("raw/contended.log", new SourceStream(fast));
        });

        // Then the commit of the first put is refused as "already stored", past the early existence checks
        bool slowStored = await Store.PutAsync("raw/contended.log", source);

        Assert.Equal((true, false), (fastStored, slowStored));
        Assert.Equal(fast, await ReadAsync("raw/contended.log"));
        Assert.Empty(await HiddenLeftoversAsync());
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Racing_puts_of_one_key_store_exactly_one_content_whole()
    {
        for (int round = 0; round < 4; round++)
        {
            string key = $"raw/race/{round}.log";
            byte[][] contents = [Some.Bytes(50_000 + round, seed: 10 + round), Some.Bytes(60_000 + round, seed: 20 + round)];
            var bothRead = new Rendezvous(2); // both writers hold all their bytes before either commits
            Task<bool>[] puts = [.. contents.Select(content => Task.Run(() =>
                Store.PutAsync(key, new SourceStream(content, pauseAt: content.Length, atPause: bothRead.ArriveAsync))))];

            bool[] stored = await Task.WhenAll(puts);

            Assert.Equal(1, stored.Count(s => s));
            Assert.Equal(contents[Array.IndexOf(stored, true)], await ReadAsync(key));
        }

        Assert.Empty(await HiddenLeftoversAsync());
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task List_returns_the_keys_under_a_prefix_in_ordinal_order()
    {
        await PutAllAsync(ListingKeys);

        Assert.Equal(
            ["raw/A.log", "raw/a.txt", "raw/a/0.log", "raw/a/1.log", "raw/ab/3.log", "raw/b/2.log"],
            await ListAsync("raw/"));
        Assert.Equal(ListingKeys.Order(StringComparer.Ordinal), await ListAsync(""));
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task List_takes_a_plain_string_prefix_that_may_end_inside_a_name()
    {
        await PutAllAsync(ListingKeys);

        Assert.Equal(["raw/a.txt", "raw/a/0.log", "raw/a/1.log", "raw/ab/3.log"], await ListAsync("raw/a"));
        Assert.Equal(["raw/a/0.log", "raw/a/1.log"], await ListAsync("raw/a/"));
        Assert.Equal(["raw-x/1.log", "raw/A.log", "raw/a.txt", "raw/a/0.log", "raw/a/1.log", "raw/ab/3.log", "raw/b/2.log"], await ListAsync("raw"));
        Assert.Equal(["raw/b/2.log"], await ListAsync("raw/b/2.log"));
        Assert.Empty(await ListAsync("raw/c"));
        Assert.Empty(await ListAsync("nothing/here/"));
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task List_of_an_empty_store_is_empty()
    {
        Assert.Empty(await ListAsync(""));
        Assert.Empty(await ListAsync("raw/"));
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Exists_is_true_for_stored_keys_only()
    {
        await PutAllAsync(["raw/a/1.log"]);

        Assert.True(await Store.ExistsAsync("raw/a/1.log"));
        Assert.False(await Store.ExistsAsync("raw/a/2.log"));
        Assert.False(await Store.ExistsAsync("raw/a")); // a prefix of stored keys is not a blob
        Assert.False(await Store.ExistsAsync("raw/a/1.lo"));
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task OpenRead_of_a_missing_key_throws_BlobNotFound_naming_the_location()
    {
        await PutAllAsync(["raw/a/1.log"]);

        foreach (string missing in new[] { "raw/a/2.log", "raw/a", "raw/a/1.log/deeper", "other/x.log" })
        {
            var error = await Assert.ThrowsAsync<BlobNotFoundException>(() => Store.OpenReadAsync(missing));
            Assert.Contains(Store.Describe(missing), error.Message, StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task A_put_whose_stream_fails_midway_stores_nothing_and_shows_nothing()
    {
        byte[] content = Some.Bytes(100_000, seed: 30);
        var sourceBroke = new IOException("the source broke");
        IReadOnlyList<string>? listedDuring = null;
        bool? existedDuring = null;
        var source = new SourceStream(content, pauseAt: 60_000, failAtPause: sourceBroke, atPause: async () =>
        {
            listedDuring = await ListAsync("");
            existedDuring = await Store.ExistsAsync("raw/broken.log");
        });

        var thrown = await Assert.ThrowsAsync<IOException>(() => Store.PutAsync("raw/broken.log", source));

        Assert.Same(sourceBroke, thrown); // the caller's own failure, not wrapped
        Assert.Equal((0, false), (listedDuring?.Count, existedDuring));
        Assert.Empty(await ListAsync(""));
        Assert.False(await Store.ExistsAsync("raw/broken.log"));
        Assert.Empty(await HiddenLeftoversAsync());

        // and nothing half-written stands in the way of the next attempt
        Assert.True(await Store.PutAsync("raw/broken.log", new SourceStream(content)));
        Assert.Equal(content, await ReadAsync("raw/broken.log"));
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task A_cancelled_put_throws_OperationCanceled_and_stores_nothing()
    {
        using var cancellation = new CancellationTokenSource();
        byte[] content = Some.Bytes(100_000, seed: 31);
        var source = new SourceStream(content, pauseAt: 50_000, atPause: cancellation.CancelAsync);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.PutAsync("raw/cancelled.log", source, cancellation.Token));

        Assert.False(await Store.ExistsAsync("raw/cancelled.log"));
        Assert.Empty(await ListAsync(""));
        Assert.Empty(await HiddenLeftoversAsync());
    }

    [Theory(Timeout = TimeoutMilliseconds)]
    [InlineData("", "empty")]
    [InlineData("/raw/a.log", "starts with '/'")]
    [InlineData("raw//a.log", "empty segment")]
    [InlineData("raw/a.log/", "ends with '/'")]
    [InlineData("raw/../a.log", "'..' segment")]
    [InlineData("..", "'..' segment")]
    [InlineData("raw/./a.log", "'.' segment")]
    [InlineData("raw/.a.log.0123.tmp", "starts with '.'")]
    [InlineData("raw\\a.log", "backslash")]
    [InlineData("raw/a\nb.log", "control character")]
    public async Task Bad_keys_are_rejected_by_every_operation_with_the_rule_they_break(string key, string rule)
    {
        foreach (Func<Task> operation in new Func<Task>[]
        {
            () => Store.PutAsync(key, new SourceStream([1, 2, 3])),
            () => Store.OpenReadAsync(key),
            () => Store.ExistsAsync(key),
            () => Task.FromResult(Store.Describe(key)),
        })
        {
            var error = await Assert.ThrowsAsync<ArgumentException>(operation);
            Assert.Equal("key", error.ParamName);
            Assert.Contains(rule, error.Message, StringComparison.Ordinal);
        }

        Assert.Empty(await ListAsync(""));
    }

    [Fact]
    public void A_key_that_UTF8_cannot_encode_is_rejected()
    {
        string key = "raw/" + '\ud800' + ".log"; // a lone surrogate; kept out of attributes, whose strings are UTF-8

        var error = Assert.Throws<ArgumentException>(() => Store.Describe(key));

        Assert.Contains("lone UTF-16 surrogate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_longer_than_S3_allows_is_rejected()
    {
        string key = "raw/" + new string('é', 511); // 4 + 1,022 UTF-8 bytes

        var error = Assert.Throws<ArgumentException>(() => Store.Describe(key));

        Assert.Contains("1026 UTF-8 bytes", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("/" + new string('é', 510), Store.Describe("raw/" + new string('é', 510)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/raw")]
    [InlineData("raw//")]
    [InlineData("../")]
    [InlineData("raw\\")]
    public void Bad_prefixes_are_rejected_when_List_is_called_before_enumerating(string prefix)
    {
        var error = Assert.Throws<ArgumentException>(() => Store.ListAsync(prefix));

        Assert.Equal("prefix", error.ParamName);
    }

    protected static async Task<byte[]> ReadAsync(IBlobStore store, string key)
    {
        Stream stream = await store.OpenReadAsync(key);
        await using (stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            return copy.ToArray();
        }
    }

    protected static async Task<IReadOnlyList<string>> ListAsync(IBlobStore store, string prefix)
    {
        var keys = new List<string>();
        await foreach (string key in store.ListAsync(prefix))
        {
            keys.Add(key);
        }

        return keys;
    }

    protected Task<byte[]> ReadAsync(string key) => ReadAsync(Store, key);

    protected Task<IReadOnlyList<string>> ListAsync(string prefix) => ListAsync(Store, prefix);

    protected async Task PutAllAsync(IEnumerable<string> keys)
    {
        foreach (string key in keys)
        {
            Assert.True(await Store.PutAsync(key, new SourceStream(System.Text.Encoding.UTF8.GetBytes(key))), key);
        }
    }
}

/// <summary>Test data in the style of Serilog's <c>Some</c>.</summary>
internal static class Some
{
    /// <summary><paramref name="length"/> pseudo-random bytes, the same for the same seed.</summary>
    public static byte[] Bytes(int length, int seed)
    {
        byte[] bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
