using Microsoft.Extensions.Time.Testing;
using TwitchSentiment.Irc.Internal;

namespace TwitchSentiment.Irc.Tests;

public sealed class ConnectionPolicyTests
{
    [Fact]
    public async Task Join_rate_limiter_lets_twenty_through_then_waits_for_the_window()
    {
        var clock = new FakeTimeProvider();
        var limiter = new JoinRateLimiter(20, TimeSpan.FromSeconds(10), clock);
        for (int i = 0; i < 20; i++)
        {
            Assert.True(limiter.WaitAsync(CancellationToken.None).IsCompletedSuccessfully, $"JOIN {i + 1} should pass at once");
        }

        Task twentyFirst = limiter.WaitAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(9.9));
        Assert.False(twentyFirst.IsCompleted, "the 21st JOIN must wait until 10 s after the first");

        clock.Advance(TimeSpan.FromSeconds(0.1));
        await twentyFirst.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Join_rate_limiter_wait_is_cancellable()
    {
        var clock = new FakeTimeProvider();
        var limiter = new JoinRateLimiter(1, TimeSpan.FromSeconds(10), clock);
        await limiter.WaitAsync(CancellationToken.None);
        using var cancellation = new CancellationTokenSource();

        Task second = limiter.WaitAsync(cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Deduplicator_passes_each_id_once_within_its_window_and_forgets_the_oldest()
    {
        var deduplicator = new MessageDeduplicator(capacity: 3);

        Assert.True(deduplicator.IsFirstSighting("a"));
        Assert.False(deduplicator.IsFirstSighting("a"));
        Assert.True(deduplicator.IsFirstSighting("b"));
        Assert.True(deduplicator.IsFirstSighting("c"));
        Assert.True(deduplicator.IsFirstSighting("d")); // "a" falls out of the window
        Assert.True(deduplicator.IsFirstSighting("a"));
        Assert.False(deduplicator.IsFirstSighting("d"));
    }

    [Fact]
    public void Backoff_is_immediate_first_then_doubles_with_jitter_up_to_the_cap()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), new Random(1));

        Assert.Equal(TimeSpan.Zero, backoff.Delay(1));
        Assert.InRange(backoff.Delay(2), TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        Assert.InRange(backoff.Delay(3), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        Assert.InRange(backoff.Delay(5), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8));
        Assert.InRange(backoff.Delay(50), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("#NorthernLion", "northernlion")]
    [InlineData("xqc", "xqc")]
    [InlineData("some_user_42", "some_user_42")]
    public void Channel_names_are_normalized(string text, string login)
    {
        Assert.Equal(login, ChannelName.Parse(text).Login);
        Assert.Equal("#" + login, ChannelName.Parse(text).ToString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("#", "empty")]
    [InlineData("a b", "a space")]
    [InlineData("a,b", "a comma")]
    [InlineData("a\r\nJOIN #b", "a carriage return")]
    [InlineData("a\u0007", "control character (U+0007)")]
    [InlineData("über", "'ü'")]
    [InlineData("abcdefghijklmnopqrstuvwxyz", "longer than 25")]
    public void Channel_names_that_could_inject_irc_are_rejected_with_the_reason(string text, string reason)
    {
        Assert.False(ChannelName.TryParse(text, out _, out string? error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
