using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;

namespace SaferBcp.Cms.Recipes.Steps;

/// <summary>
/// Optional: { "name": "users", "users": [ { "userName": "editor", "email": "...", "password": "...", "roles": ["Editor"] } ] }.
/// Existing accounts are left alone apart from adding missing roles; passwords are never exported.
/// </summary>
public sealed class UsersStep : IRecipeStep
{
    private readonly UserManager<Security.PortalUser> _users;
    private readonly TimeProvider _clock;

    public UsersStep(UserManager<Security.PortalUser> users, TimeProvider clock)
    {
        _users = users;
        _clock = clock;
    }

    public string Name => "users";

    public int Order => 20;

    public void Validate(JsonObject step, RecipeErrors errors)
    {
        var users = RecipeJson.Array(step, "users", errors);
        for (var i = 0; users is not null && i < users.Count; i++)
        {
            var path = $"users[{i}]";
            if (users[i] is not JsonObject user)
            {
                errors.Add(path, "must be an object");
                continue;
            }

            RecipeJson.Text(user, "userName", path, errors, maxLength: 256);
            var email = RecipeJson.Text(user, "email", path, errors, maxLength: 256);
            if (email is not null && !Formats.EmailAddress.IsValid(email))
            {
                errors.Add($"{path}.email", "must be an email address");
            }

            RecipeJson.Text(user, "password", path, errors, required: true, maxLength: 200);
            if (user["roles"] is not JsonArray)
            {
                errors.Add($"{path}.roles", "is missing: it must be a list of role names");
            }
        }
    }

    public async Task<int> ApplyAsync(JsonObject step, CancellationToken cancellationToken)
    {
        var changes = 0;
        var users = (JsonArray)step["users"]!;
        for (var i = 0; i < users.Count; i++)
        {
            var json = (JsonObject)users[i]!;
            var userName = json["userName"]!.GetValue<string>();
            var user = await _users.FindByNameAsync(userName);
            if (user is null)
            {
                user = new Security.PortalUser
                {
                    UserName = userName,
                    Email = json["email"]!.GetValue<string>(),
                    EmailConfirmed = true,
                    CreatedUtc = _clock.GetUtcNow().UtcDateTime,
                };
                var created = await _users.CreateAsync(user, json["password"]!.GetValue<string>());
                if (!created.Succeeded)
                {
                    throw new RecipeStepException($"users[{i}].password", string.Join(" ", created.Errors.Select(e => e.Description)));
                }

                changes++;
            }

            foreach (var role in ((JsonArray)json["roles"]!).Select(r => r!.GetValue<string>()))
            {
                if (!await _users.IsInRoleAsync(user, role))
                {
                    var added = await _users.AddToRoleAsync(user, role);
                    if (!added.Succeeded)
                    {
                        throw new RecipeStepException($"users[{i}].roles", $"Role \"{role}\" could not be given: {string.Join(" ", added.Errors.Select(e => e.Description))}");
                    }

                    changes++;
                }
            }
        }

        return changes;
    }

    public Task<JsonObject?> ExportAsync(CancellationToken cancellationToken) => Task.FromResult<JsonObject?>(null);
}
