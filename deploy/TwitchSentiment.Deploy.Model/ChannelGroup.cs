using TwitchSentiment.Irc;

namespace TwitchSentiment.Deploy.Model;

/// <summary>
/// Channels captured together by one scheduled invocation of the scraper, over one connection. A channel listed
/// alone under <c>twitch-sentiment:channels</c> is a group of one named after its login.
/// </summary>
/// <param name="Name">The group's name: it names the schedule (<c>twitch-sentiment-{Name}</c>).</param>
/// <param name="Channels">The channels, in the order given.</param>
/// <param name="IsSingleChannel">True for a channel listed alone: its payload is <c>{"channel": …}</c>, otherwise <c>{"channels": […]}</c>.</param>
public sealed record ChannelGroup(string Name, IReadOnlyList<ChannelName> Channels, bool IsSingleChannel);
