namespace TwitchSentiment.Storage.Tests;

/// <summary>The contract, and what is particular to a local folder, in a fresh temporary folder per test.</summary>
public sealed class LocalFolderBlobStoreTests : BlobStoreContract, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "blobstore-tests-" + Guid.NewGuid().ToString("N"));
    private readonly LocalFolderBlobStore _store;

    public LocalFolderBlobStoreTests()
    {
        _store = new LocalFolderBlobStore(_root);
    }

    protected override IBlobStore Store => _store;

    public void Dispose()
    {
        _store.Dispose();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void Describe_gives_the_full_path_of_the_file()
    {
        Assert.Equal(Path.Combine(_root, "raw", "chan", "a.log.gz"), _store.Describe("raw/chan/a.log.gz"));
    }

    [Fact]
    public void A_relative_root_is_made_absolute()
    {
        using var store = new LocalFolderBlobStore("some-relative-folder");

        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "some-relative-folder"), store.Root);
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task A_put_writes_a_hidden_temporary_file_that_List_does_not_show_and_moves_it_into_place()
    {
        string[]? filesDuring = null;
        IReadOnlyList<string>? listedDuring = null;
        byte[] content = Some.Bytes(20_000, seed: 40);
        var source = new SourceStream(content, pauseAt: content.Length, atPause: async () =>
        {
            filesDuring = [.. Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories).Select(Path.GetFileName)!];
            listedDuring = await ListAsync("");
        });

        Assert.True(await _store.PutAsync("raw/a.log", source));

        string temporary = Assert.Single(filesDuring!);
        Assert.Matches(@"^\.a\.log\.[0-9a-f]{12}\.tmp$", temporary);
        Assert.Empty(listedDuring!);
        Assert.Equal(["a.log"], Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories).Select(Path.GetFileName));
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Hidden_files_and_names_that_are_not_keys_are_not_listed()
    {
        await PutAllAsync(["raw/a.log"]);
        Directory.CreateDirectory(Path.Combine(_root, "raw", ".git"));
        await File.WriteAllTextAsync(Path.Combine(_root, "raw", ".git", "HEAD"), "x");
        await File.WriteAllTextAsync(Path.Combine(_root, "raw", ".DS_Store"), "x");
        await File.WriteAllTextAsync(Path.Combine(_root, "raw", "back\\slash.log"), "x");

        Assert.Equal(["raw/a.log"], await ListAsync(""));
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task A_key_whose_folder_is_a_file_fails_with_a_message_naming_the_folder()
    {
        await PutAllAsync(["raw/a"]);

        var error = await Assert.ThrowsAsync<BlobStoreException>(() => _store.PutAsync("raw/a/b.log", new SourceStream([1])));

        Assert.Contains(Path.Combine(_root, "raw", "a"), error.Message, StringComparison.Ordinal);
        Assert.Contains("no file sits where a folder of the key should be", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task A_key_that_is_the_folder_of_other_keys_fails_with_a_message_saying_why()
    {
        await PutAllAsync(["raw/a/b.log"]);

        var error = await Assert.ThrowsAsync<BlobStoreException>(() => _store.PutAsync("raw/a", new SourceStream([1])));

        Assert.Contains("a folder of that name holds other blobs", error.Message, StringComparison.Ordinal);
        Assert.Empty(await HiddenLeftoversAsync());
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task A_root_that_is_a_file_fails_puts_with_a_message_naming_it()
    {
        string file = _root + ".file";
        await File.WriteAllTextAsync(file, "not a folder");
        try
        {
            using var store = new LocalFolderBlobStore(file);

            var error = await Assert.ThrowsAsync<BlobStoreException>(() => store.PutAsync("raw/a.log", new SourceStream([1])));

            Assert.Contains(file, error.Message, StringComparison.Ordinal);
            Assert.Contains("is a folder this user may write to", error.Message, StringComparison.Ordinal);
            Assert.IsType<IOException>(error.InnerException, exactMatch: false);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task A_missing_root_is_an_empty_store_until_the_first_put_creates_it()
    {
        Assert.False(Directory.Exists(_root));
        Assert.Empty(await ListAsync(""));
        Assert.False(await _store.ExistsAsync("raw/a.log"));

        await PutAllAsync(["raw/a.log"]);

        Assert.True(File.Exists(Path.Combine(_root, "raw", "a.log")));
    }

    protected override Task<IReadOnlyList<string>> HiddenLeftoversAsync()
    {
        IReadOnlyList<string> hidden = Directory.Exists(_root)
            ? [.. Directory.EnumerateFiles(_root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
                .Where(path => Path.GetFileName(path).StartsWith('.'))]
            : [];
        return Task.FromResult(hidden);
    }
}
