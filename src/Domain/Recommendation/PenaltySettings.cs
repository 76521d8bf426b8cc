using System.Globalization;
using Soundscape.Domain.Common;

namespace Soundscape.Domain.Recommendation;

/// <summary>
/// How strongly recent plays push a sound down the queue (DESIGN §4.4). Configuration, not constants;
/// validated on construction and on <c>with</c> so an invalid setting can never reach the scorer.
/// </summary>
/// <param name="Lambda">Penalty of a play that started just now.</param>
/// <param name="Tau">Time constant of the exponential decay.</param>
/// <param name="Window">Plays that started this long ago or more no longer count.</param>
public sealed record PenaltySettings(double Lambda, TimeSpan Tau, TimeSpan Window)
{
    private readonly double _lambda = ValidLambda(Lambda);
    private readonly TimeSpan _tau = ValidPositive(Tau, "tau");
    private readonly TimeSpan _window = ValidPositive(Window, "window");

    public static PenaltySettings Default { get; } = new(0.5, TimeSpan.FromMinutes(30), TimeSpan.FromHours(3));

    public double Lambda
    {
        get => _lambda;
        init => _lambda = ValidLambda(value);
    }

    public TimeSpan Tau
    {
        get => _tau;
        init => _tau = ValidPositive(value, "tau");
    }

    public TimeSpan Window
    {
        get => _window;
        init => _window = ValidPositive(value, "window");
    }

    private static double ValidLambda(double lambda)
    {
        if (!double.IsFinite(lambda) || lambda < 0)
        {
            throw new DomainValidationException(
                "lambda",
                $"Lambda must be a non-negative number, got {lambda.ToString(CultureInfo.InvariantCulture)}.");
        }

        return lambda;
    }

    private static TimeSpan ValidPositive(TimeSpan value, string field)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new DomainValidationException(field, $"{field} must be a positive duration, got {value}.");
        }

        return value;
    }
}
