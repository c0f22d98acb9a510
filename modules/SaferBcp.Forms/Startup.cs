using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Modules;

namespace SaferBcp.Forms;

/// <summary>Forms as data: the "Form" content type, the GOV.UK question-page runner, encrypted form sessions.</summary>
public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
    }
}
