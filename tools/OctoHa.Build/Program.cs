using System;
using System.IO;

namespace OctoHa.Build
{
    /// <summary>
    /// dotnet run --project tools/OctoHa.Build -- &lt;build|package|docs|test&gt; [--configuration Debug|Release]
    /// </summary>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            string verb = args.Length > 0 ? args[0] : "test";
            string configuration = "Release";
            for (int i = 1; i < args.Length - 1; i++)
            {
                if (args[i] == "--configuration" || args[i] == "-c") configuration = args[i + 1];
            }
            var repo = Repo.Find(Directory.GetCurrentDirectory());
            try
            {
                switch (verb)
                {
                    case "build":
                        ProcessRunner.RunOrThrow("dotnet", repo.Root, "build", repo.Path_("OctoHa.sln"), "-c", configuration, "--nologo");
                        return 0;
                    case "package":
                        Packager.Package(repo, configuration);
                        return 0;
                    case "docs":
                        HelpBuilder.Write(repo.HelpFolder, repo.Path_("out", "help", "en-US"));
                        Console.Error.WriteLine("Wrote MAML and about_ topics to " + repo.Path_("out", "help", "en-US"));
                        return 0;
                    case "test":
                        string package = Packager.Package(repo, configuration);
                        return TestRunner.Run(repo, configuration, package);
                    default:
                        Console.Error.WriteLine($"Unknown verb '{verb}'. Use build, package, docs or test.");
                        return 2;
                }
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine("octoha-build: " + ex.Message);
                if (verb == "test") Console.WriteLine("0 passed, 1 failed");
                return 1;
            }
        }
    }
}
