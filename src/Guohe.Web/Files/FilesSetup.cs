using Guohe.Web.Files;

namespace Guohe.Web;

/// <summary>Registration of the file store; in the root namespace so Program.cs needs no extra using.</summary>
public static class FilesSetup
{
    /// <summary>The file store and its <c>Files</c> settings.</summary>
    public static IServiceCollection AddGuoheFiles(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<FilesOptions>(configuration.GetSection("Files"));
        return services.AddScoped<FileStore>();
    }
}
