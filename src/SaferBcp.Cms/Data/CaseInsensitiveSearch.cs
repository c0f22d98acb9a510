using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace SaferBcp.Cms.Data;

/// <summary>
/// "Contains this text, whatever its case" for back-office search boxes, on both providers: SQLite's LIKE ignores
/// the case of ASCII letters, PostgreSQL's LIKE does not, so there it is ILIKE.
/// </summary>
public static class CaseInsensitiveSearch
{
    public static IQueryable<T> WhereContains<T>(this IQueryable<T> query, DatabaseProvider provider, Expression<Func<T, string?>> column, string term)
    {
        var pattern = "%" + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        var like = provider == DatabaseProvider.Postgres
            ? typeof(NpgsqlDbFunctionsExtensions).GetMethod(nameof(NpgsqlDbFunctionsExtensions.ILike), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!
            : typeof(DbFunctionsExtensions).GetMethod(nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;
        var body = Expression.Call(like, Expression.Constant(EF.Functions), column.Body, Expression.Constant(pattern), Expression.Constant("\\"));
        return query.Where(Expression.Lambda<Func<T, bool>>(body, column.Parameters));
    }
}
