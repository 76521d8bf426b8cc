using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Soundscape.Application.Common.Storage;

namespace Soundscape.Infrastructure.Storage;

/// <summary>
/// An S3-compatible bucket (AWS, MinIO, Supabase Storage). Readers are sent to a short-lived pre-signed URL, where
/// the storage service itself answers range requests and ETags.
/// </summary>
internal sealed class S3AudioStore : IAudioStore, IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly AudioStoreOptions _options;

    public S3AudioStore(AudioStoreOptions options)
    {
        _options = options;
        if (string.IsNullOrWhiteSpace(options.Bucket))
            throw new InvalidOperationException("Audio:Store:Bucket is required when Audio:Store:Kind is s3.");
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            AuthenticationRegion = options.Region,
            // The SDK's default streaming checksums are not understood by every S3-compatible service; send and
            // check them only where S3 requires them.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (options.ServiceUrl is not null)
            config.ServiceURL = options.ServiceUrl;
        else
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        _client = options.AccessKey is not null && options.SecretKey is not null
            ? new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config)
            : new AmazonS3Client(config);
    }

    public async Task<StoredAudio> SaveAsync(string localPath, string contentHash, string extension, CancellationToken cancellationToken)
    {
        var key = AudioKeys.For(contentHash, extension);
        if (await ExistsAsync(key, cancellationToken))
            return new StoredAudio(key, false);
        await _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _options.Bucket,
            Key = ObjectName(key),
            FilePath = localPath,
            // Plain signed payloads: aws-chunked uploads are not decoded by every S3-compatible service.
            UseChunkEncoding = false,
        }, cancellationToken);
        return new StoredAudio(key, true);
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        await _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _options.Bucket, Key = ObjectName(key) }, cancellationToken);

    public async Task<AudioLocation> LocateAsync(string key, CancellationToken cancellationToken)
    {
        var url = await _client.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = _options.Bucket,
            Key = ObjectName(key),
            Verb = HttpVerb.GET,
            Expires = DateTime.UtcNow + _options.PresignedUrlLifetime,
            // The pre-signer assumes HTTPS; a service configured on plain HTTP (MinIO on a LAN, a local server) must get HTTP URLs.
            Protocol = _options.ServiceUrl?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS,
        });
        return new RemoteAudio(new Uri(url));
    }

    public void Dispose() => _client.Dispose();

    private async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _options.Bucket, Key = ObjectName(key) }, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private string ObjectName(string key) => _options.Prefix + AudioKeys.Validate(key);
}
