using System.Net;

namespace Soundscape.Api.FunctionalTests.Web;

/// <summary>The API serves the built web app (Web:Root): its files, and index.html for the app's own paths.</summary>
[NonParallelizable]
public sealed class WebAppHostingTests
{
    private const string Page = "<!doctype html><html lang=\"en\"><title>Soundscape</title><div id=\"root\"></div></html>";
    private const string Script = "console.log('room');";

    private string _root = null!;
    private SoundscapeApiFactory _api = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void StartApiWithAWebApp()
    {
        _root = Directory.CreateTempSubdirectory("soundscape-web-").FullName;
        File.WriteAllText(Path.Combine(_root, "index.html"), Page);
        Directory.CreateDirectory(Path.Combine(_root, "assets"));
        File.WriteAllText(Path.Combine(_root, "assets", "room-1a2b.js"), Script);
        _api = SoundscapeApiFactory.With(Testing.Database, new Dictionary<string, string> { ["Web:Root"] = _root });
        _client = _api.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopApiAsync()
    {
        await _api.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [TestCase("/")]
    [TestCase("/p/DEMO")]
    [TestCase("/p/NO-SUCH-TAG")]
    [TestCase("/me")]
    [TestCase("/signin?next=%2Fme")]
    public async Task AppPath_IsAnsweredWithTheAppsPageFetchedFreshEachTime(string path)
    {
        var response = await _client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        response.Headers.CacheControl!.NoCache.ShouldBeTrue();
        (await response.Content.ReadAsStringAsync()).ShouldBe(Page);
    }

    [Test]
    public async Task Asset_IsServedAsItsFile()
    {
        var response = await _client.GetAsync("/assets/room-1a2b.js");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        (await response.Content.ReadAsStringAsync()).ShouldBe(Script);
    }

    [TestCase("/api/no-such-endpoint")]
    [TestCase("/api")]
    [TestCase("/health/extra")]
    [TestCase("/assets/missing.js")]
    public async Task ApiOrFilePath_ThatDoesNotExist_Is404ProblemDetailsNotThePage(string path)
    {
        var response = await _client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("<html");
    }
}
