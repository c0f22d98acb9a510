using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Modules;

namespace SaferBcp.Email;

/// <summary>Email: an outbox table, a background sender (MailKit SMTP, or a pickup folder of .eml files by default), Liquid templates.</summary>
public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
    }
}
