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
            .NotNull().WithMessage("volume is required (0 to 1).")
            .Must(v => double.IsFinite(v!.Value) && v.Value is >= 0 and <= 1).WithMessage("volume must be between 0 and 1.");
        RuleFor(l => l.DelaySeconds).Must(d => double.IsFinite(d!.Value) && d.Value >= 0).When(l => l.DelaySeconds is not null)
            .WithMessage("delaySeconds must be a finite number ≥ 0.");
    }
}

internal static class MixRules
{
    /// <summary>
    /// 1–16 valid layers, each naming a sound of the library. Unknown sounds are looked up in one query, and every
    /// bad layer is named (layers[i].volume, layers[i].soundId), so a client can fix them all at once.
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
                var known = await db.Sounds.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => s.Id).ToListAsync(cancellationToken);
                for (var i = 0; i < list!.Count; i++)
                {
                    if (list[i].SoundId is { } id && id != Guid.Empty && !known.Contains(id))
                        context.AddFailure($"{context.PropertyPath}[{i}].SoundId", $"There is no sound with id {id}.");
                }
            })
            .When(c => read(c) is { Count: >= 1 and <= Mix.MaxLayers } list && list.All(l => l is not null));
    }

    public static void ValidMixName<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("name is required.")
            .Must(n => n!.Trim().Length <= Mix.MaxNameLength).WithMessage($"name must be at most {Mix.MaxNameLength} characters.");
}
