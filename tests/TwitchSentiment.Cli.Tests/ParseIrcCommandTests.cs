namespace TwitchSentiment.Cli.Tests;

public sealed class ParseIrcCommandTests
{
    [Fact]
    public async Task Parse_irc_writes_one_object_per_line_with_tags_unescaped_and_emotes_by_code_point()
    {
        string input =
            "@badges=;emotes=25:0-4,12-16/1902:6-10;id=x :ronni!ronni@ronni.tmi.twitch.tv PRIVMSG #ronni :Kappa Keepo Kappa\n" +
            "@a=b\\sc;k :tmi.twitch.tv CLEARCHAT #dallas\n" +
            ":a!a@a PRIVMSG #c :\u0001ACTION 😁 Kappa\u0001\r\n" +
            "PING\n";

        CliRunner.Result result = await CliRunner.RunAsync(input, "parse-irc");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            "{\"command\":\"PRIVMSG\",\"tags\":{\"badges\":\"\",\"emotes\":\"25:0-4,12-16/1902:6-10\",\"id\":\"x\"}," +
            "\"prefix\":\"ronni!ronni@ronni.tmi.twitch.tv\",\"nick\":\"ronni\",\"params\":[\"#ronni\",\"Kappa Keepo Kappa\"]," +
            "\"channel\":\"ronni\",\"text\":\"Kappa Keepo Kappa\",\"action\":false,\"emotes\":[" +
            "{\"id\":\"25\",\"start\":0,\"end\":4,\"name\":\"Kappa\"},{\"id\":\"1902\",\"start\":6,\"end\":10,\"name\":\"Keepo\"}," +
            "{\"id\":\"25\",\"start\":12,\"end\":16,\"name\":\"Kappa\"}]}\n" +
            "{\"command\":\"CLEARCHAT\",\"tags\":{\"a\":\"b c\",\"k\":\"\"},\"prefix\":\"tmi.twitch.tv\",\"nick\":null," +
            "\"params\":[\"#dallas\"],\"channel\":\"dallas\",\"text\":null,\"action\":false,\"emotes\":[]}\n" +
            "{\"command\":\"PRIVMSG\",\"tags\":{},\"prefix\":\"a!a@a\",\"nick\":\"a\",\"params\":[\"#c\",\"\\u0001ACTION 😁 Kappa\\u0001\"]," +
            "\"channel\":\"c\",\"text\":\"😁 Kappa\",\"action\":true,\"emotes\":[]}\n" +
            "{\"command\":\"PING\",\"tags\":{},\"prefix\":null,\"nick\":null,\"params\":[],\"channel\":null,\"text\":null,\"action\":false,\"emotes\":[]}\n",
            result.Output);
    }

    [Fact]
    public async Task Parse_irc_reports_malformed_lines_and_continues()
    {
        CliRunner.Result result = await CliRunner.RunAsync("@key=value\nPING :x\n: PING xD\nP1NG\n", "parse-irc");

        Assert.Equal(1, result.ExitCode);
        string[] lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Equal("{\"line\":1,\"error\":\"no command after the tags or prefix (byte 10): \\\"@key=value\\\"\"}", lines[0]);
        Assert.StartsWith("{\"command\":\"PING\"", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("{\"line\":3,\"error\":\"empty prefix", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("{\"line\":4,\"error\":\"command at byte 0", lines[3], StringComparison.Ordinal);
        Assert.Contains("3 of 4 lines are not IRC", result.Error, StringComparison.Ordinal);
    }
}
