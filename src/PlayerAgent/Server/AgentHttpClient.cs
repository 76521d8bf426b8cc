using System.Net.Http.Headers;

namespace Soundscape.PlayerAgent.Server;

/// <summary>The one HttpClient the agent talks to the server with.</summary>
public static class AgentHttpClient
{
    /// <summary>
    /// Every request carries <c>Authorization: Device &lt;key&gt;</c>. Redirects (the API answering 302 to a
    /// pre-signed storage URL) are followed, and .NET drops the Authorization header when it follows one, so the
    /// device key never reaches storage. Tests pass their own <paramref name="handler"/>.
    /// </summary>
    public static HttpClient Create(Uri serverUrl, string deviceKey, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(serverUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(deviceKey);
        var client = new HttpClient(handler ?? new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 5,
            // Re-resolve DNS now and then: a device runs for months.
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        })
        {
            BaseAddress = serverUrl,
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Device", deviceKey);
        return client;
    }
}
