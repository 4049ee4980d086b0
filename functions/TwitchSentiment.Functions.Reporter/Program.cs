using TwitchSentiment.Functions;

// twitch-sentiment-reporter: the Lambda runtime loop around the reporter (see FunctionHost and ReporterFunction).
return await FunctionHost.RunAsync(FunctionKind.Reporter, FunctionHost.CreateReporter);
