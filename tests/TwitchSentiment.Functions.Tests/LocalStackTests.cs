using Testcontainers.LocalStack;
using TwitchSentiment.Functions.Tests.Support;

namespace TwitchSentiment.Functions.Tests;

/// <summary>
/// The main flow against LocalStack in a container (Testcontainers.LocalStack), where a Docker engine is reachable.
/// Without one it is skipped, saying why; the whole suite also runs against an existing LocalStack (or any
/// S3/SQS/SSM endpoint) when <c>AWS_ENDPOINT_URL</c> points at it.
/// </summary>
[Collection(FunctionProcessesCollection.Name)]
public sealed class LocalStackTests(FunctionBinariesFixture binaries)
{
    [SkippableFact]
    public async Task The_flow_runs_against_localstack_in_a_container()
    {
        string? docker = DockerEndpoint();
        Skip.If(docker is null, "No Docker engine here (no DOCKER_HOST, no /var/run/docker.sock), so Testcontainers cannot start LocalStack. " +
            "The same flow runs on moto_server in FlowTests; to run the whole suite against LocalStack, start one and set AWS_ENDPOINT_URL.");

        await using LocalStackContainer localStack = new LocalStackBuilder("localstack/localstack:4.4").Build();
        await localStack.StartAsync();
        var aws = new AwsFixture();
        try
        {
            await aws.UseAsync(new Uri(localStack.GetConnectionString()));
            await FlowTests.RunFlowAsync(aws, binaries, "localstack_chan");
        }
        finally
        {
            await aws.DisposeAsync();
        }
    }

    private static string? DockerEndpoint() =>
        Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? host
        : File.Exists("/var/run/docker.sock") ? "unix:///var/run/docker.sock"
        : null;
}
