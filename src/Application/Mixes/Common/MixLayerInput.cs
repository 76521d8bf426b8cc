using System.Linq.Expressions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Persistence;
using Soundscape.Domain.Library;

namespace Soundscape.Application.Mixes.Common;

/// <summary>One layer as a client sends it. loop defaults to false and delaySeconds to 0.</summary>
public sealed record MixLayerInput(Guid? SoundId, double? Volume, bool? Loop = null, double? DelaySeconds = null)
{
    internal MixLayer ToLayer() => new(SoundId!.Value, Volume!.Value, Loop ?? false, DelaySeconds ?? 0);
}

internal sealed class MixLayerInputValidator : AbstractValidator<MixLayerInput>
{
    public MixLayerInputValidator()
    {
        RuleFor(l => l.SoundId).Must(id => id is { } value && value != Guid.Empty).WithMessage("soundId is required.");
        RuleFor(l => l.Volume).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("volume is required (0, or 0.0001 to 1).")
            .Must(v => MixLayer.IsValidVolume(v!.Value)).WithMessage(MixLayer.VolumeRule);
        RuleFor(l => l.DelaySeconds).Must(d => MixLayer.IsValidDelay(d!.Value)).When(l => l.DelaySeconds is not null)
            .WithMessage(MixLayer.DelayRule);
    }
}

internal static class MixRules
{
    /// <summary>
    /// 1–16 valid layers, each naming a sound of the library, together lasting at most <see cref="Mix.MaxDurationSeconds"/>.
    /// Unknown sounds are looked up in one query, and every bad layer is named (layers[i].volume, layers[i].soundId), so
    /// a client can fix them all at once; a mix too long is named "layers".
    /// </summary>
    public static void AddLayerRules<T>(
        this AbstractValidator<T> validator, Expression<Func<T, IReadOnlyList<MixLayerInput>?>> layers, IApplicationDbContext db)
    {
        var read = layers.Compile();
        validator.RuleFor(layers).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("layers is required.")
            .Must(list => list!.Count is >= 1 and <= Mix.MaxLayers).WithMessage($"A mix has between 1 and {Mix.MaxLayers} layers.")
            .Must(list => list!.All(l => l is not null)).WithMessage("A layer must not be null.")
            .ForEach(layer => layer.SetValidator(new MixLayerInputValidator()));
        validator.RuleFor(layers)
            .CustomAsync(async (list, context, cancellationToken) =>
            {
                var ids = list!.Select(l => l.SoundId).OfType<Guid>().Where(id => id != Guid.Empty).Distinct().ToList();
                var known = await db.Sounds.AsNoTracking().Where(s => ids.Contains(s.Id))
                    .ToDictionaryAsync(s => s.Id, s => s.DurationSeconds, cancellationToken);
                var missing = false;
                for (var i = 0; i < list!.Count; i++)
                {
                    if (list[i].SoundId is { } id && id != Guid.Empty && !known.ContainsKey(id))
                    {
                        context.AddFailure($"{context.PropertyPath}[{i}].SoundId", $"There is no sound with id {id}.");
                        missing = true;
                    }
                }
                // The same rule the Mix enforces, checked here so it is reported beside the layers' own errors.
                var duration = MixDuration.Calculate(list.Select(l => new LayerSound(
                    l.Volume ?? 0, l.Loop ?? false, l.DelaySeconds ?? 0, l.SoundId is { } sound ? known.GetValueOrDefault(sound) : 0, null)));
                var delaysValid = list.All(l => l.DelaySeconds is not { } delay || MixLayer.IsValidDelay(delay));
                if (!missing && delaysValid && duration > Mix.MaxDurationSeconds)
                    context.AddFailure(context.PropertyPath, Mix.TooLongMessage(duration));
            })
            .When(c => read(c) is { Count: >= 1 and <= Mix.MaxLayers } list && list.All(l => l is not null));
    }

    public static void ValidMixName<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("name is required.")
            .Must(n => n!.Trim().Length <= Mix.MaxNameLength).WithMessage($"name must be at most {Mix.MaxNameLength} characters.");
}
