using FluentValidation;
using Soundscape.Domain.Vectors;

namespace Soundscape.Application.Common.Vectors;

/// <summary>
/// A five-axis vector as a client sends it (a sound's embedding override, a player's default vector). Every axis is
/// required: an axis left out (or null) is a 400 naming it, never a silent 0.
/// </summary>
public sealed record VectorInput(double? Rain, double? Wind, double? Fire, double? Thunder, double? Waves)
{
    /// <summary>The vector; call only on an input <see cref="VectorInputValidator"/> accepted.</summary>
    public TasteVector ToVector() => TasteVector.Create(
        Rain ?? throw Missing("rain"), Wind ?? throw Missing("wind"), Fire ?? throw Missing("fire"),
        Thunder ?? throw Missing("thunder"), Waves ?? throw Missing("waves"));

    private static InvalidOperationException Missing(string axis) => new($"The {axis} axis was not validated as present.");
}

/// <summary>
/// The one shape check of every vector input: each of the five axes present, a finite number within
/// [<paramref name="min"/>, <paramref name="max"/>], and representable as float32 (the database stores float4: 1e39
/// would become infinity, 1e-46 zero). Failures name the axis under the parent's property, e.g. <c>embedding.wind</c>.
/// With <paramref name="requireDirection"/>, the vector as a whole must have a direction
/// (<see cref="TasteVector.HasDirection"/>), named as the parent property.
/// </summary>
internal sealed class VectorInputValidator : AbstractValidator<VectorInput>
{
    public VectorInputValidator(string field, double min, double max, bool requireDirection)
    {
        Axis(v => v.Rain, $"{field}.rain", min, max);
        Axis(v => v.Wind, $"{field}.wind", min, max);
        Axis(v => v.Fire, $"{field}.fire", min, max);
        Axis(v => v.Thunder, $"{field}.thunder", min, max);
        Axis(v => v.Waves, $"{field}.waves", min, max);
        if (requireDirection)
        {
            // The parent's own name: its rules see the path of this validator's instance ("Embedding").
            RuleFor(v => v).Must(v => v.ToVector().HasDirection)
                .When(v => new[] { v.Rain, v.Wind, v.Fire, v.Thunder, v.Waves }.All(a => a is { } x && Acceptable(x, min, max)))
                .OverridePropertyName("")
                .WithMessage($"{field} must have a direction: not all zero, and a length from {TasteVector.MinDirectionLength:G} " +
                             $"to {TasteVector.MaxDirectionLength:G}.");
        }
    }

    private void Axis(System.Linq.Expressions.Expression<Func<VectorInput, double?>> axis, string field, double min, double max)
    {
        RuleFor(axis).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage($"{field} is required: send all five axes (rain, wind, fire, thunder, waves).")
            .Must(x => Acceptable(x!.Value, min, max))
            .WithMessage($"{field} must be a number from {min:G} to {max:G} that a float32 can hold (not rounded to 0).");
    }

    /// <summary>Within range, and float32 keeps it: no overflow to infinity, no underflow of a non-zero value to 0.</summary>
    private static bool Acceptable(double value, double min, double max) =>
        double.IsFinite(value) && value >= min && value <= max && float.IsFinite((float)value) && ((float)value != 0 || value == 0);
}
