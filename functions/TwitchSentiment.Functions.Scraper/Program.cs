using TwitchSentiment.Functions;

// twitch-sentiment-scraper: the Lambda runtime loop around the scraper (see FunctionHost and ScraperFunction).
return await FunctionHost.RunAsync(FunctionKind.Scraper, FunctionHost.CreateScraper);
