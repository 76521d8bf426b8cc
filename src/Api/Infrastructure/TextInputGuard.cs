using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Validation;

namespace Soundscape.Api.Infrastructure;

/// <summary>
/// The query string and route values obey <see cref="TextRules"/> before any endpoint binds them: a control character
/// anywhere is a 400 naming the parameter, for every endpoint, present and future. Bodies are checked by the
/// request pipeline's validation (every string of every request).
/// </summary>
internal static class TextInputGuard
{
    public static IApplicationBuilder UseTextInputGuard(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        foreach (var (name, values) in context.Request.Query)
        {
            if (TextRules.HasControlCharacter(name))
                throw RequestValidationException.For("query", "A query parameter's name must not contain control characters.");
            foreach (var value in values)
                if (TextRules.HasControlCharacter(value))
                    throw RequestValidationException.For(name, TextRules.ControlCharacterMessage(name, value!));
        }
        foreach (var (name, value) in context.Request.RouteValues)
            if (value is string text && TextRules.HasControlCharacter(text))
                throw RequestValidationException.For(name, TextRules.ControlCharacterMessage(name, text));
        return next(context);
    });
}
