using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace OctoHa.Tests.TestSupport
{
    /// <summary>What the contract needs to know about one cmdlet class, read as metadata without running it.</summary>
    public sealed record CmdletRecord(
        string Name, string Verb, string Noun, string TypeName, bool IsSealed, bool DerivesFromPSCmdlet,
        bool HasOutputType, bool SupportsShouldProcess, int ConfirmImpact, IReadOnlyList<string> Parameters, IReadOnlyList<string> OutputTypes);

    /// <summary>
    /// Reads the compiled cmdlet assembly through MetadataLoadContext, against PowerShellStandard's reference
    /// System.Management.Automation, so nothing is executed and no PowerShell is needed.
    /// </summary>
    public static class CmdletMetadata
    {
        public const int ConfirmImpactHigh = 3;

        public static IReadOnlyList<CmdletRecord> Read(string cmdletAssemblyPath, string edition) =>
            WithContext(cmdletAssemblyPath, edition, (context, assembly) => assembly.GetTypes()
                .Select(t => (Type: t, Attr: t.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == "System.Management.Automation.CmdletAttribute")))
                .Where(x => x.Attr != null)
                .Select(x => ToRecord(x.Type, x.Attr!))
                .OrderBy(r => r.Name, StringComparer.Ordinal)
                .ToList());

        /// <summary>PowerShell's approved verbs: the constants of the Verbs* classes in System.Management.Automation.</summary>
        public static ISet<string> ApprovedVerbs(string cmdletAssemblyPath, string edition) =>
            WithContext(cmdletAssemblyPath, edition, (context, _) =>
            {
                var sma = context.LoadFromAssemblyPath(SmaPath);
                return (ISet<string>)new HashSet<string>(sma.GetTypes()
                    .Where(t => t.Namespace == "System.Management.Automation" && t.Name.StartsWith("Verbs", StringComparison.Ordinal) && t.IsAbstract && t.IsSealed)
                    .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
                    .Where(f => f.IsLiteral)
                    .Select(f => (string)f.GetRawConstantValue()!), StringComparer.Ordinal);
            });

        private static T WithContext<T>(string path, string edition, Func<MetadataLoadContext, Assembly, T> read)
        {
            var paths = new List<string> { path, SmaPath };
            string deps = Path.Combine(Path.GetDirectoryName(path)!, "Dependencies");
            if (Directory.Exists(deps)) paths.AddRange(Directory.GetFiles(deps, "*.dll"));
            string core;
            if (edition == "Desktop")
            {
                string netfx = Path.Combine(PackagedModule.BuildMetadata("NetFx472ReferencePath"), "build", ".NETFramework", "v4.7.2");
                paths.AddRange(Directory.GetFiles(netfx, "*.dll"));
                paths.AddRange(Directory.GetFiles(Path.Combine(netfx, "Facades"), "*.dll"));
                core = "mscorlib";
            }
            else
            {
                paths.AddRange(Directory.GetFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "*.dll"));
                core = typeof(object).Assembly.GetName().Name!;
            }
            // One file per simple name: the first listed wins (ours before the framework's).
            var unique = paths.GroupBy(p => Path.GetFileName(p), StringComparer.OrdinalIgnoreCase).Select(g => g.First());
            using var context = new MetadataLoadContext(new PathAssemblyResolver(unique), core);
            return read(context, context.LoadFromAssemblyPath(path));
        }

        private static string SmaPath => Path.Combine(PackagedModule.BuildMetadata("PowerShellStandardPath"),
            "lib", "netstandard2.0", "System.Management.Automation.dll");

        private static CmdletRecord ToRecord(Type type, CustomAttributeData cmdlet)
        {
            string verb = (string)cmdlet.ConstructorArguments[0].Value!;
            string noun = (string)cmdlet.ConstructorArguments[1].Value!;
            bool shouldProcess = cmdlet.NamedArguments.Any(a => a.MemberName == "SupportsShouldProcess" && (bool)a.TypedValue.Value!);
            int impact = cmdlet.NamedArguments.Where(a => a.MemberName == "ConfirmImpact").Select(a => (int)a.TypedValue.Value!).DefaultIfEmpty(2).First();
            var outputAttributes = type.GetCustomAttributesData().Where(a => a.AttributeType.FullName == "System.Management.Automation.OutputTypeAttribute").ToList();
            bool outputType = outputAttributes.Count > 0;
            var outputTypes = outputAttributes.SelectMany(a => a.ConstructorArguments)
                .SelectMany(arg => arg.Value is IEnumerable<CustomAttributeTypedArgument> many ? many.Select(m => m.Value) : new[] { arg.Value })
                .Select(v => v is Type t ? t.FullName! : v?.ToString() ?? "")
                .ToList();
            var parameters = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetCustomAttributesData().Any(a => a.AttributeType.FullName == "System.Management.Automation.ParameterAttribute"))
                .Select(p => p.Name)
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToList();
            bool derives = false;
            for (Type? t = type.BaseType; t != null; t = t.BaseType)
            {
                if (t.FullName == "System.Management.Automation.PSCmdlet") { derives = true; break; }
            }
            return new CmdletRecord($"{verb}-{noun}", verb, noun, type.FullName!, type.IsSealed, derives, outputType, shouldProcess, impact, parameters, outputTypes);
        }
    }
}
