namespace Soundscape.PlayerAgent.Tests.Support;

/// <summary>What the test server was asked: the headers the cache's behaviour is judged by.</summary>
internal sealed record SeenRequest(string Path, string? Range, string? IfRange, string? Authorization);
