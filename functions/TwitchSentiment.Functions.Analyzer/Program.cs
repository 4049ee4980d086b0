using TwitchSentiment.Functions;

// twitch-sentiment-analyzer: the Lambda runtime loop around the analyzer (see FunctionHost and AnalyzerFunction).
return await FunctionHost.RunAsync(FunctionKind.Analyzer, FunctionHost.CreateAnalyzer);
