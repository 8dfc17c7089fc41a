using System;
using System.Collections.Generic;
using System.Linq;
using OctoHa.Tests.TestSupport;
using Xunit;

namespace OctoHa.Tests.Contract
{
    /// <summary>The conventions every cmdlet must keep, checked over both compiled builds at once.</summary>
    [Collection(PackagedModuleCollection.Name)]
    public sealed class CmdletContractTests
    {
        // Verbs that only read, or (Connect) only change this session's defaults: no ShouldProcess needed.
        internal static readonly ISet<string> ReadOnlyVerbs = new HashSet<string>(StringComparer.Ordinal)
        {
            "Get", "Test", "Find", "Search", "Show", "Measure", "Compare", "Resolve", "Trace", "Watch", "Read", "Format", "Connect",
        };

        private readonly PackagedModule _module;

        public CmdletContractTests(PackagedModule module) => _module = module;

        public static IEnumerable<object[]> Editions => new[] { new object[] { "Core" }, new object[] { "Desktop" } };

        private IReadOnlyList<CmdletRecord> Cmdlets(string edition) => CmdletMetadata.Read(_module.CmdletAssembly(edition), edition);

        [Theory, MemberData(nameof(Editions))]
        public void Every_build_has_cmdlets(string edition) => Assert.NotEmpty(Cmdlets(edition));

        [Theory, MemberData(nameof(Editions))]
        public void Nouns_carry_the_OctoHa_prefix_and_verbs_are_approved(string edition)
        {
            var approved = CmdletMetadata.ApprovedVerbs(_module.CmdletAssembly(edition), edition);
            Assert.Contains("Get", approved);
            Assert.DoesNotContain("Drain", approved); // the verb list is real, not everything
            var offenders = Cmdlets(edition)
                .Where(c => !c.Noun.StartsWith("OctoHa", StringComparison.Ordinal) || !approved.Contains(c.Verb))
                .Select(c => c.Name).ToList();
            Assert.True(offenders.Count == 0, "Unapproved verb or missing OctoHa prefix: " + string.Join(", ", offenders));
        }

        [Theory, MemberData(nameof(Editions))]
        public void Every_cmdlet_is_a_sealed_PSCmdlet_with_OutputType(string edition)
        {
            var offenders = Cmdlets(edition).Where(c => !c.IsSealed || !c.DerivesFromPSCmdlet || !c.HasOutputType)
                .Select(c => $"{c.Name} (sealed={c.IsSealed}, PSCmdlet={c.DerivesFromPSCmdlet}, OutputType={c.HasOutputType})").ToList();
            Assert.True(offenders.Count == 0, "Cmdlets breaking the class conventions: " + string.Join(", ", offenders));
        }

        [Theory, MemberData(nameof(Editions))]
        public void Every_state_changing_cmdlet_supports_ShouldProcess(string edition)
        {
            var offenders = Cmdlets(edition).Where(c => !ReadOnlyVerbs.Contains(c.Verb) && !c.SupportsShouldProcess).Select(c => c.Name).ToList();
            Assert.True(offenders.Count == 0, "State-changing cmdlets without SupportsShouldProcess (-WhatIf/-Confirm): " + string.Join(", ", offenders));
        }

        [Theory, MemberData(nameof(Editions))]
        public void Remove_cmdlets_have_ConfirmImpact_High(string edition)
        {
            var offenders = Cmdlets(edition).Where(c => c.Verb == "Remove" && c.ConfirmImpact != CmdletMetadata.ConfirmImpactHigh).Select(c => c.Name).ToList();
            Assert.True(offenders.Count == 0, "Remove-* cmdlets without ConfirmImpact High: " + string.Join(", ", offenders));
        }

        [Fact]
        public void Both_builds_expose_the_same_cmdlets_and_parameters()
        {
            string Shape(IEnumerable<CmdletRecord> cmdlets) => string.Join("\n", cmdlets.Select(c => c.Name + ": " + string.Join(",", c.Parameters)));
            Assert.Equal(Shape(Cmdlets("Core")), Shape(Cmdlets("Desktop")));
        }
    }
}
