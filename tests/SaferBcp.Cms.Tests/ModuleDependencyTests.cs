using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Modules;

namespace SaferBcp.Cms.Tests;

/// <summary>A module's Dependencies: the start stops when one is switched off, missing or circular, and modules run after those they need.</summary>
public sealed class ModuleDependencyTests
{
    [Fact]
    public void Switching_off_a_module_another_needs_stops_the_start_naming_both()
    {
        var builder = Builder(disabled: "Test.Forms");

        var error = Assert.Throws<InvalidOperationException>(() =>
            builder.AddPortalModules(Module("Test.Forms"), Module("Test.Referrals", "Test.Forms")));

        Assert.Equal(
            "Test.Referrals needs Test.Forms, which is switched off in Modules:Disabled. Switch Test.Referrals off too, or switch Test.Forms back on.",
            error.Message);
    }

    [Fact]
    public void Every_module_that_needs_a_switched_off_module_is_named_at_once()
    {
        var builder = Builder(disabled: "test.forms");

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddPortalModules(
            Module("Test.Forms"), Module("Test.Referrals", "Test.Forms"), Module("Test.Surveys", "Test.Forms")));

        Assert.Contains("Test.Referrals needs Test.Forms, which is switched off", error.Message, StringComparison.Ordinal);
        Assert.Contains("Test.Surveys needs Test.Forms, which is switched off", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_module_that_needs_one_the_host_does_not_list_stops_the_start_naming_both()
    {
        var builder = Builder();

        var error = Assert.Throws<InvalidOperationException>(() =>
            builder.AddPortalModules(Module("Test.SafePlaces", "Test.Referals")));

        Assert.Equal(
            "Test.SafePlaces needs Test.Referals, which the host does not list in AddPortalModules. List Test.Referals there, or take it out of Test.SafePlaces's Dependencies.",
            error.Message);
    }

    [Fact]
    public void Modules_that_need_each_other_in_a_circle_stop_the_start_naming_the_circle()
    {
        var builder = Builder();

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddPortalModules(
            Module("Test.Pages"), Module("Test.A", "Test.B"), Module("Test.B", "Test.C"), Module("Test.C", "Test.A")));

        Assert.StartsWith("Test.A needs Test.B, which needs Test.C, which needs Test.A: modules cannot need each other in a circle", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_module_runs_after_the_modules_it_needs_whatever_its_Order_and_Order_settles_the_rest()
    {
        var ran = new List<string>();

        Builder().AddPortalModules(
            new FakeModule("Test.SafePlaces", 100, "Test.Referrals") { Ran = ran },
            new FakeModule("Test.Referrals", 200, "Test.Forms") { Ran = ran },
            new FakeModule("Test.Forms", 100) { Ran = ran },
            new FakeModule("Test.Theme", 1) { Ran = ran },
            new FakeModule("Test.Support", 100) { Ran = ran });

        Assert.Equal(["Test.Theme", "Test.Forms", "Test.Support", "Test.Referrals", "Test.SafePlaces"], ran);
    }

    private static WebApplicationBuilder Builder(params string[] disabled)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(disabled.Select((name, i) => new KeyValuePair<string, string?>($"Modules:Disabled:{i}", name)));
        return builder;
    }

    private static FakeModule Module(string name, params string[] needs) => new(name, 100, needs);

    private sealed class FakeModule(string name, int order, params string[] needs) : ModuleStartup
    {
        public List<string>? Ran { get; init; }

        public override string Name => name;

        public override int Order => order;

        public override IEnumerable<string> Dependencies => needs;

        public override void ConfigureServices(IServiceCollection services, IConfiguration configuration) => Ran?.Add(Name);
    }
}
