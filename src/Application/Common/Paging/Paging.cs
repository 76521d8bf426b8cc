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

    public static int Skip(this IPagedQuery query) => (query.Page - 1) * query.PageSize;
}
