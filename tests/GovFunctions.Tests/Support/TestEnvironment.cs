namespace GovFunctions.Tests.Support;

/// <summary>Where the emulators are: set by scripts/test.sh; the defaults are the emulators' own ports.</summary>
public static class TestEnvironment
{
    public static string Storage => Environment.GetEnvironmentVariable("GOV_TEST_STORAGE") ?? "UseDevelopmentStorage=true";
    public static int SmtpPort => int.Parse(Environment.GetEnvironmentVariable("GOV_TEST_SMTP_PORT") ?? "1025");
    public static Uri MailDev => new(Environment.GetEnvironmentVariable("GOV_TEST_MAILDEV_URL") ?? "http://127.0.0.1:1080");

    public static string RepositoryRoot { get; } = FindRoot();

    public static string SeedsDirectory => Path.Combine(RepositoryRoot, "seeds");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "GovFunctions.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("repository root not found above " + AppContext.BaseDirectory);
    }
}
