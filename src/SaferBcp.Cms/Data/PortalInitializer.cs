using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SaferBcp.Cms.Controllers;
using SaferBcp.Cms.KeyRing;
using SaferBcp.Cms.Recipes;
using SaferBcp.Cms.Security;
using SaferBcp.Cms.Settings;

namespace SaferBcp.Cms.Data;

/// <summary>
/// Brings the database up to date at start-up: runs every module's migrations, loads the Data Protection key ring,
/// applies the setup recipe the first time, and creates the first administrator when there is no account.
/// </summary>
public static class PortalInitializer
{
    public const string SetupCompletedSetting = "SetupCompletedUtc";

    public static async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("SaferBcp.Setup");

        // Nodes starting together take turns: the first migrates, creates the key ring's first key and applies the recipe,
        // the others then find it done.
        await using var startupLock = await provider.GetRequiredService<PortalDatabase>().LockAsync(DatabaseLocks.Startup, cancellationToken);
        await MigrateAsync(provider, cancellationToken);
        PortalKeyRing.Load(provider);

        var settings = provider.GetRequiredService<SiteSettings>();
        if ((await settings.GetAsync(SetupCompletedSetting)).Length == 0)
        {
            var recipePath = RecipeFiles.Find(provider);
            logger.LogInformation("First run: applying the setup recipe {Recipe}", recipePath);
            await provider.GetRequiredService<RecipeExecutor>().ApplyAsync(await File.ReadAllTextAsync(recipePath, cancellationToken), Path.GetFileName(recipePath), cancellationToken);
            await settings.SetAsync(new Dictionary<string, string> { [SetupCompletedSetting] = provider.GetRequiredService<TimeProvider>().GetUtcNow().ToString("O") });
            await provider.GetRequiredService<CmsDbContext>().SaveChangesAsync(cancellationToken);
        }

        await EnsureAdministratorAsync(provider, logger);
    }

    /// <summary>Runs the kernel's and every module's migrations (each context keeps its own history table).</summary>
    public static async Task MigrateAsync(IServiceProvider scopedProvider, CancellationToken cancellationToken = default)
    {
        var database = scopedProvider.GetRequiredService<PortalDatabase>();
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            await database.Connection.OpenAsync(cancellationToken);
            await using var pragma = database.Connection.CreateCommand();
            pragma.CommandText = "PRAGMA journal_mode=WAL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var migrated in scopedProvider.GetServices<MigratedContext>())
        {
            var context = (DbContext)scopedProvider.GetRequiredService(migrated.ContextType);
            await context.Database.MigrateAsync(cancellationToken);
        }
    }

    private static async Task EnsureAdministratorAsync(IServiceProvider provider, ILogger logger)
    {
        var users = provider.GetRequiredService<UserManager<PortalUser>>();
        if (await users.Users.AnyAsync())
        {
            // A generated password is worthless once changed (perhaps on another node).
            var passwordFile = provider.GetRequiredService<FirstAdministratorPasswordFile>();
            if (passwordFile.UserName() is { } firstAdmin && await users.FindByNameAsync(firstAdmin) is not { MustChangePassword: true })
            {
                passwordFile.Delete();
            }

            return;
        }

        var configuration = provider.GetRequiredService<IConfiguration>();
        var userName = configuration["SAFERBCP_ADMIN_USER"] ?? configuration["Portal:Admin:UserName"] ?? "admin";
        var email = configuration["SAFERBCP_ADMIN_EMAIL"] ?? configuration["Portal:Admin:Email"] ?? "admin@localhost";
        var password = configuration["SAFERBCP_ADMIN_PASSWORD"] ?? configuration["Portal:Admin:Password"];
        var generated = string.IsNullOrEmpty(password);
        if (generated)
        {
            password = AdminUsersController.GeneratePassword();
        }

        var roles = provider.GetRequiredService<RoleManager<PortalRole>>();
        if (!await roles.RoleExistsAsync(PortalRoles.Administrator))
        {
            await roles.CreateAsync(new PortalRole(PortalRoles.Administrator) { Description = "Everything, including users and roles" });
        }

        var admin = new PortalUser
        {
            UserName = userName,
            Email = email,
            EmailConfirmed = true,
            MustChangePassword = generated,
            CreatedUtc = provider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
        };
        // Written before the account exists, so that a password nobody can read never guards it.
        var file = provider.GetRequiredService<FirstAdministratorPasswordFile>();
        if (generated)
        {
            file.Write(userName, password!);
        }

        var created = await users.CreateAsync(admin, password!);
        if (!created.Succeeded)
        {
            file.Delete();
            throw new InvalidOperationException("The first administrator could not be created: " + string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(admin, PortalRoles.Administrator);
        logger.LogInformation("First administrator account created: {UserName}", userName);
    }
}

public static class RecipeFiles
{
    /// <summary>The demo recipe: example Safe Places, an open example survey and sample responses, applied only on request.</summary>
    public const string Demo = "demo.recipe.json";

    /// <summary>The setup recipe: Portal:RecipesFolder, else recipes/ beside the app, else the repository's recipes/ folder.</summary>
    public static string Find(IServiceProvider provider)
    {
        var setup = provider.GetRequiredService<PortalDataPaths>().Options.SetupRecipe;
        return TryFind(provider, setup, out var looked)
            ?? throw new FileNotFoundException($"The setup recipe {setup} was not found. Looked in: {string.Join(", ", looked.Take(3))}");
    }

    /// <summary>A recipe file by name, in the same places as the setup recipe; null when there is none.</summary>
    public static string? TryFind(IServiceProvider provider, string fileName) => TryFind(provider, fileName, out _);

    private static string? TryFind(IServiceProvider provider, string fileName, out List<string> candidates)
    {
        var options = provider.GetRequiredService<PortalDataPaths>().Options;
        var environment = provider.GetRequiredService<IHostEnvironment>();
        candidates = [];
        if (options.RecipesFolder is { Length: > 0 } configured)
        {
            candidates.Add(Path.Combine(environment.ContentRootPath, configured, fileName));
        }

        candidates.Add(Path.Combine(AppContext.BaseDirectory, "recipes", fileName));
        for (var dir = new DirectoryInfo(environment.ContentRootPath); dir is not null; dir = dir.Parent)
        {
            candidates.Add(Path.Combine(dir.FullName, "recipes", fileName));
        }

        return candidates.FirstOrDefault(File.Exists);
    }
}
