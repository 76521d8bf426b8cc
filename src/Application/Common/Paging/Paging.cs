using FluentValidation;

namespace Soundscape.Application.Common.Paging;

/// <summary>One page of a list, newest or best first as the query defines, with the total for page links.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

/// <summary>Shared rules for 1-based paging.</summary>
public interface IPagedQuery
{
    int Page { get; }

    int PageSize { get; }
}

public static class PagingRules
{
    public const int MaxPageSize = 100;

    public static void AddPagingRules<T>(this AbstractValidator<T> validator) where T : IPagedQuery
    {
        validator.RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithMessage("page starts at 1.");
        validator.RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize).WithMessage($"pageSize must be between 1 and {MaxPageSize}.");
    }

    /// <summary>
    /// Rows before the page, computed in 64 bits so no page number overflows (page 2147483647 of 100 is row
    /// 214 748 364 600); a page past <see cref="int.MaxValue"/> rows is clamped there, which is past any table here,
    /// so it answers an empty page with the true total instead of a negative OFFSET.
    /// </summary>
    public static int Skip(this IPagedQuery query) =>
        (int)Math.Clamp(((long)query.Page - 1) * query.PageSize, 0, int.MaxValue);
}
