using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TwitchSentiment.Functions.Tests.Support;

/// <summary>A stand-in for id.twitch.tv/oauth2 in Kestrel: <c>GET /oauth2/validate</c> accepts one access token for one login.</summary>
internal sealed class FakeTwitchOAuth : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _validations;

    private FakeTwitchOAuth(WebApplication app) => _app = app;

    internal string BaseUrl { get; private set; } = "";

    internal int Validations => Volatile.Read(ref _validations);

    internal static async Task<FakeTwitchOAuth> StartAsync(string accessToken, string login)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        WebApplication app = builder.Build();
        var server = new FakeTwitchOAuth(app);
        app.MapGet("/oauth2/validate", (HttpRequest request) =>
        {
            Interlocked.Increment(ref server._validations);
            return request.Headers.Authorization.ToString() == "OAuth " + accessToken
                ? Results.Json(new Dictionary<string, object> { ["client_id"] = "cid", ["login"] = login, ["scopes"] = new[] { "chat:read" }, ["user_id"] = "4242", ["expires_in"] = 3600 })
                : Results.Json(new Dictionary<string, object> { ["status"] = 401, ["message"] = "invalid access token" }, statusCode: 401);
        });
        await app.StartAsync();
        string url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUrl = url.TrimEnd('/') + "/oauth2/";
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
