namespace TwitchSentiment.Credentials.Tests;

public sealed class TwitchCredentialsTests
{
    private const string Document =
        """{"server":"irc.chat.twitch.tv","port":6667,"nickname":"RonniBot","client_id":"cid123","client_secret":"secret-abcdefgh-9876","refresh_token":"refresh-tok-5555","access_token":"access-tok-1234","note":{"owner":"ops"}}""";

    [Fact]
    public void Parse_reads_the_users_document_and_keeps_unknown_fields()
    {
        TwitchCredentials credentials = TwitchCredentials.Parse(Document, "test.json");

        Assert.Equal(("ronnibot", "cid123", 6667, "irc.chat.twitch.tv"), (credentials.Nickname, credentials.ClientId, credentials.Port!.Value, credentials.Server));
        Assert.Equal(("refresh-tok-5555", "access-tok-1234"), (credentials.RefreshToken, credentials.AccessToken));
        Assert.Equal("note", Assert.Single(credentials.OtherFields).Key);
    }

    [Fact]
    public void ToJson_then_parse_gives_the_same_document_unknown_fields_included()
    {
        TwitchCredentials credentials = TwitchCredentials.Parse(Document, "test.json");

        TwitchCredentials again = TwitchCredentials.Parse(credentials.ToJson(), "again");

        Assert.Equal(credentials, again);
        Assert.Contains("\"owner\": \"ops\"", again.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Port_may_be_a_string_of_digits()
    {
        Assert.Equal(6697, TwitchCredentials.Parse(Document.Replace("6667", "\"6697\"", StringComparison.Ordinal), "x").Port);
    }

    [Fact]
    public void Every_problem_is_named_at_once_with_the_source_and_the_expected_shape()
    {
        var error = Assert.Throws<CredentialsException>(() => TwitchCredentials.Parse(
            """{"port":"http","nickname":"bad name","client_id":"","client_secret":42}""", "/param/twitch"));

        Assert.Contains("/param/twitch", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"port\" must be a port number", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"nickname\" must be the account's Twitch login", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"client_id\" is empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"client_secret\" must be a string, not number", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"refresh_token\" is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("Expected {\"server\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    public void Not_a_json_object_is_a_clear_error(string json)
    {
        var error = Assert.Throws<CredentialsException>(() => TwitchCredentials.Parse(json, "creds.json"));

        Assert.Contains("creds.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tokens_show_at_most_their_last_four_characters_and_the_client_secret_none()
    {
        TwitchCredentials credentials = TwitchCredentials.Parse(Document, "test.json");

        string text = credentials.ToString();

        Assert.DoesNotContain("secret-abcdefgh", text, StringComparison.Ordinal);
        Assert.DoesNotContain("9876", text, StringComparison.Ordinal); // the client secret shows no part at all
        Assert.Contains("ClientSecret = (hidden)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("refresh-tok", text, StringComparison.Ordinal);
        Assert.DoesNotContain("access-tok", text, StringComparison.Ordinal);
        Assert.Contains("AccessToken = …1234", text, StringComparison.Ordinal);
        Assert.Equal("****", TwitchCredentials.Redact("short"));
        Assert.Equal("(none)", TwitchCredentials.Redact(string.Empty));
    }

    [Fact]
    public void A_bad_document_error_never_repeats_a_secret()
    {
        var error = Assert.Throws<CredentialsException>(() => TwitchCredentials.Parse(
            """{"nickname":"ronni","client_id":"c","client_secret":"super-secret-value","refresh_token":"","access_token":"tok-abcdefgh"}""", "x"));

        Assert.DoesNotContain("super-secret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-abcdefgh", error.Message, StringComparison.Ordinal);
    }
}
