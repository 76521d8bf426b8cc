using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Soundscape.Application.Common.Security;

namespace Soundscape.Api.FunctionalTests.Abuse;

/// <summary>Counts the password checks of the real hasher it wraps, so a test can assert how many hashes were verified.</summary>
internal sealed class CountingPasswordHasher(IPasswordHasher inner) : IPasswordHasher
{
    private int _verifications;
    private int _running;
    private int _mostAtOnce;

    public int Verifications => Volatile.Read(ref _verifications);

    /// <summary>The most hashes made or checked at the same time.</summary>
    public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

    public string Hash(string password) => Timed(() => inner.Hash(password));

    public PasswordCheck Verify(string hash, string password)
    {
        Interlocked.Increment(ref _verifications);
        return Timed(() => inner.Verify(hash, password));
    }

    private T Timed<T>(Func<T> hashing)
    {
        var running = Interlocked.Increment(ref _running);
        int most;
        while (running > (most = Volatile.Read(ref _mostAtOnce)) && Interlocked.CompareExchange(ref _mostAtOnce, running, most) != most)
        {
        }
        try
        {
            return hashing();
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    public static void Register(IServiceCollection services) => services.Decorate<IPasswordHasher, CountingPasswordHasher>();
}

/// <summary>
/// The test server has no network peer; this sets the request's client address from a test header before the
/// pipeline runs, so per-address limits can be tested with several addresses.
/// </summary>
internal sealed class ClientAddressFromHeader : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
                context.Connection.RemoteIpAddress = address;
            return nextMiddleware(context);
        });
        next(app);
    };

    public static void Register(IServiceCollection services) => services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();
}

/// <summary>
/// Counts the request body bytes the application reads (the stream is wrapped before the API's pipeline), so a test
/// can assert that a refused request cost the server no body. The test server itself drains what the client sends,
/// so the client side cannot tell.
/// </summary>
internal sealed class BodyReadCounter : IStartupFilter
{
    private long _read;

    public long BytesRead => Interlocked.Read(ref _read);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Request.Body = new CountingReadStream(context.Request.Body, this);
            return nextMiddleware(context);
        });
        next(app);
    };

    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<BodyReadCounter>();
        services.AddSingleton<IStartupFilter>(provider => provider.GetRequiredService<BodyReadCounter>());
    }

    private sealed class CountingReadStream(Stream inner, BodyReadCounter counter) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Counted(int read)
        {
            Interlocked.Add(ref counter._read, read);
            return read;
        }
    }
}

/// <summary>
/// A body of <paramref name="length"/> bytes made as it is sent (a prefix, then filler), so a test can send 190 MB
/// without holding it. With <paramref name="declareLength"/> false it has no Content-Length.
/// </summary>
internal sealed class GeneratedContent : HttpContent
{
    private const int Chunk = 16 * 1024;
    private readonly long _length;
    private readonly bool _declareLength;
    private readonly byte[] _prefix;
    private readonly byte _filler;

    public GeneratedContent(long length, bool declareLength, string mediaType, string prefix = "", char filler = 'a')
    {
        _filler = (byte)filler;
        _length = length;
        _declareLength = declareLength;
        _prefix = System.Text.Encoding.UTF8.GetBytes(prefix);
        Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
    }

    public const string Boundary = "soundscape-test-boundary";

    /// <summary>A multipart form whose "file" part is <paramref name="length"/> bytes of zeros (never closed: the server must not get that far).</summary>
    public static GeneratedContent Upload(long length, bool declareLength) => new(length, declareLength,
        $"multipart/form-data; boundary={Boundary}",
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nBig\r\n" +
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.wav\"\r\nContent-Type: application/octet-stream\r\n\r\n");

    /// <summary>
    /// White space, which a JSON reader skips, <paramref name="length"/> bytes of it: the reader finds nothing to refuse
    /// until the body limit stops it.
    /// </summary>
    public static GeneratedContent Json(long length, bool declareLength) => new(length, declareLength, "application/json", filler: ' ');

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(_prefix);
        var chunk = new byte[Chunk];
        Array.Fill(chunk, _filler);
        for (var left = _length - _prefix.Length; left > 0; left -= Chunk)
        {
            var size = (int)Math.Min(Chunk, left);
            await stream.WriteAsync(chunk.AsMemory(0, size));
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return _declareLength;
    }
}
