using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Soundscape.TestSupport;

/// <summary>
/// s3rver, an S3-compatible server (npm; installed by scripts/setup.sh into tools/s3rver), on a free loopback port
/// with one bucket and its own folder. Stopped and removed on dispose.
/// </summary>
public sealed class S3rverServer : IAsyncDisposable
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private readonly Process _process;
    private readonly string _folder;

    private S3rverServer(Process process, string folder, int port, string bucket)
    {
        _process = process;
        _folder = folder;
        ServiceUrl = $"http://127.0.0.1:{port}";
        Bucket = bucket;
    }

    public string ServiceUrl { get; }

    public string Bucket { get; }

    public static async Task<S3rverServer> StartAsync(string bucket = "soundscape")
    {
        var executable = Path.Combine(RepositoryRoot(), "tools", "s3rver", "node_modules", ".bin", "s3rver");
        if (!File.Exists(executable))
            throw new InvalidOperationException($"s3rver is not installed at {executable}: run scripts/setup.sh.");
        var folder = Directory.CreateTempSubdirectory("soundscape-s3rver-").FullName;
        var port = FreePort();
        var process = Process.Start(new ProcessStartInfo(executable,
            ["--directory", folder, "--address", "127.0.0.1", "--port", port.ToString(), "--silent", "--configure-bucket", bucket])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var server = new S3rverServer(process, folder, port, bucket);
        await server.WaitUntilListeningAsync(port);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The checkout's root, found from the test binaries' folder.</summary>
    public static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Soundscape.sln")))
            folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("Not inside the repository.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilListeningAsync(int port)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"s3rver exited: {await _process.StandardError.ReadToEndAsync()}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"s3rver did not listen on port {port} within 10 s.");
    }
}
