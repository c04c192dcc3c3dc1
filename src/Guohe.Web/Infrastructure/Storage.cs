namespace Guohe.Web.Infrastructure;

/// <summary>Where Guohe keeps its files: <c>Storage:DataDirectory</c>, default <c>data</c> beside the app's content root.</summary>
public sealed class Storage(string dataDirectory)
{
    public string DataDirectory { get; } = dataDirectory;

    public static Storage From(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["Storage:DataDirectory"];
        var path = string.IsNullOrWhiteSpace(configured) ? "data" : configured;
        return new Storage(Path.GetFullPath(path, environment.ContentRootPath));
    }
}
