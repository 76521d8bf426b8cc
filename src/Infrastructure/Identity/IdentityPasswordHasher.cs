using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Soundscape.Application.Common.Security;
using Soundscape.Domain.Identity;

namespace Soundscape.Infrastructure.Identity;

/// <summary>
/// ASP.NET Core Identity's hasher (PBKDF2 with a per-password salt, versioned format) behind the application's port.
/// The hashing runs on the instance's own low-priority threads (<see cref="LowPriorityWork"/>): a hash is tens of
/// milliseconds of one core, and under a token flood it must not take a core away from votes and queue reads.
/// The cost is Identity's own <see cref="PasswordHasherOptions"/> (default: PBKDF2-HMAC-SHA512, 100,000 iterations);
/// it is not a configuration setting, so a deployment cannot weaken it by accident. Tests may register a lower count.
/// </summary>
internal sealed class IdentityPasswordHasher(LowPriorityWork work, IOptions<PasswordHasherOptions> options)
    : Application.Common.Security.IPasswordHasher
{
    private readonly PasswordHasher<UserAccount> _hasher = new(options);

    // The hasher's format does not depend on the user object; none is needed.
    public string Hash(string password) => work.Run(() => _hasher.HashPassword(null!, password));

    public PasswordCheck Verify(string hash, string password) => work.Run(() => _hasher.VerifyHashedPassword(null!, hash, password)) switch
    {
        PasswordVerificationResult.Success => PasswordCheck.Succeeded,
        PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.SucceededButRehashNeeded,
        _ => PasswordCheck.Failed,
    };
}

/// <summary>
/// A few dedicated threads with a raised nice value (Linux: 10; elsewhere normal priority) for CPU-bound work that can
/// wait: the OS scheduler then gives request threads the cores first. The caller blocks until its work is done; the
/// callers are bounded (RateLimiting:PasswordHashing:Concurrency), so at most that many pool threads wait.
/// </summary>
internal sealed class LowPriorityWork : IDisposable
{
    private const int Niceness = 10;
    private readonly BlockingCollection<Action> _queue = new();

    public LowPriorityWork()
    {
        for (var i = 0; i < Math.Max(1, Environment.ProcessorCount); i++)
            new Thread(Loop) { IsBackground = true, Name = $"low-priority-{i}" }.Start();
    }

    /// <summary>Runs <paramref name="work"/> on a low-priority thread and returns its result (or throws its exception).</summary>
    public T Run<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add(() =>
        {
            try
            {
                done.SetResult(work());
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        });
        return done.Task.GetAwaiter().GetResult();
    }

    public void Dispose() => _queue.CompleteAdding();

    private void Loop()
    {
        // On Linux the nice value is per thread, and who = 0 is the calling thread. Failing to lower it is harmless.
        if (OperatingSystem.IsLinux())
            _ = SetPriority(0, 0, Niceness);
        foreach (var action in _queue.GetConsumingEnumerable())
            action();
    }

    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static extern int SetPriority(int which, int who, int prio);
}
