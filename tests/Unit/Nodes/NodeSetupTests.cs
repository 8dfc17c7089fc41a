using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OctoHa.Database;
using OctoHa.Nodes;
using OctoHa.Tests.Cluster;
using OctoHa.Tests.TestSupport;
using Xunit;

namespace OctoHa.Tests.Nodes
{
    /// <summary>
    /// Add-OctoHaNode's engine against a STAND-IN Octopus.Server script (the real one cannot run here) that records
    /// its calls, with a stand-in database check (no SQL Server here) and, for the cluster checks, the emulator over HTTP.
    /// </summary>
    public sealed class NodeSetupTests : IDisposable
    {
        private const string Password = "S3cr3t-Pa55word!";
        private const string MasterKey = "6EdU6IWsCtMEwk0kPKflQQ==";
        private const string ConnectionString = "Server=sql01;Database=Octopus;User ID=octo;Password=" + Password;

        private readonly string _root = Path.Combine(Path.GetTempPath(), "octoha-nodeadd-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        private readonly StandInProgram _server;

        public NodeSetupTests()
        {
            Directory.CreateDirectory(_root);
            _server = new StandInProgram(_root, "Octopus.Server");
        }

        public void Dispose()
        {
            try { Directory.Delete(_root, true); } catch (IOException) { }
        }

        private NodeSetupRequest Request(Action<NodeSetupRequest>? tune = null)
        {
            var r = new NodeSetupRequest
            {
                NodeName = "OCTO4",
                ConnectionString = ConnectionString,
                MasterKey = MasterKey,
                SharedStorage = @"\\files\OctopusShared",
                WebListenPrefix = "https://octo4.example.com/",
                ServerPath = _server.ProgramPath,
                IsWindows = true,
                DatabasePreflight = _ => Task.FromResult(new DatabaseReport
                {
                    Connected = true,
                    Checks = new[] { new CheckResult("Connect", CheckStatus.Pass, "Stand-in database: connected.") },
                }),
                StoragePreflight = () => new[] { new CheckResult("Writable", CheckStatus.Pass, "Stand-in storage: writable.") },
            };
            tune?.Invoke(r);
            return r;
        }

        private static string[] Expected(string exe) => new[]
        {
            $"create-instance --instance OctopusServer --config C:\\Octopus\\OctopusServer\\OctopusServer.config --serverNodeName OCTO4",
            $"database --instance OctopusServer --connectionString {ConnectionString} --masterKey {MasterKey}",
            "configure --instance OctopusServer --webListenPrefixes https://octo4.example.com/ --commsListenPort 10943",
            "path --instance OctopusServer --clusterShared \\\\files\\OctopusShared",
            "service --instance OctopusServer --install --reconfigure --start",
            "node --instance OctopusServer --taskCap=0",
        };

        [Fact]
        public async Task Runs_the_Octopus_Server_sequence_in_order_with_task_cap_0_and_no_database_create_or_upgrade()
        {
            var obs = new RecordingObserver();
            var result = await NodeSetup.AddAsync(Request(), obs, CancellationToken.None);

            Assert.Equal(Expected(_server.ProgramPath), _server.Calls());
            Assert.True(result.Completed);
            Assert.All(result.Steps, s => Assert.Equal(NodeSetupStepStatus.Done, s.Status));
            Assert.Equal(new[] { "create-instance", "database", "configure", "path", "service", "node" }, result.Steps.Select(s => s.Name));
            Assert.DoesNotContain(_server.Calls(), c => c.Contains("--create") || c.Contains("--upgrade"));
            Assert.Equal(0, result.TaskCap);
            Assert.Single(obs.Asked); // one question for the whole sequence
        }

        [Fact]
        public async Task What_if_runs_nothing_and_describes_a_numbered_plan_an_admin_can_type_with_secrets_masked()
        {
            var obs = new RecordingObserver(approve: false);
            var result = await NodeSetup.AddAsync(Request(r => r.TaskCap = 3), obs, CancellationToken.None);

            Assert.Empty(_server.Calls());
            Assert.True(result.WhatIf);
            Assert.False(result.Completed);
            Assert.All(result.Steps, s => Assert.Equal(NodeSetupStepStatus.Planned, s.Status));
            string plan = obs.Asked.Single().Action;
            string exe = _server.ProgramPath;
            Assert.Contains($"  2. {exe} database --instance OctopusServer --connectionString \"Server=sql01;Database=Octopus;User ID=octo;Password=********\" --masterKey ********", plan);
            Assert.Contains($"  6. {exe} node --instance OctopusServer --taskCap=3", plan);
            Assert.Contains($"  1. {exe} create-instance --instance OctopusServer --config C:\\Octopus\\OctopusServer\\OctopusServer.config --serverNodeName OCTO4", plan);
            AssertNoSecret(plan + obs.AllText + string.Join("\n", result.Steps.Select(s => s.Command)));
            Assert.Equal(new[] { "ServerProgram", "Database.Connect", "Storage.Writable", "NodeName", "Version" }, result.Preflight.Select(c => c.Check));
        }

        [Fact]
        public async Task The_plan_lines_run_by_hand_make_exactly_the_same_calls()
        {
            // Each numbered line, with the real secrets typed back in, is a command line a shell can run as it is
            // (a Linux host here, so /bin/sh is the admin's shell and the paths are Linux paths).
            var obs = new RecordingObserver(approve: false);
            await NodeSetup.AddAsync(Request(r => { r.IsWindows = false; r.SharedStorage = "/mnt/octopus shared"; }), obs, CancellationToken.None);
            var lines = obs.Asked.Single().Action.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("  ")).Select(l => l.Substring(l.IndexOf(". ") + 2)).ToList();
            Assert.Equal(6, lines.Count);
            foreach (string line in lines)
            {
                string typed = line.Replace("Password=********", "Password=" + Password).Replace("--masterKey ********", "--masterKey " + MasterKey);
                var sh = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/bin/sh", new[] { "-c", typed }) { RedirectStandardOutput = true })!;
                sh.StandardOutput.ReadToEnd();
                sh.WaitForExit();
                Assert.Equal(0, sh.ExitCode);
            }
            var calls = _server.Calls();
            Assert.Equal("create-instance --instance OctopusServer --config /etc/octopus/OctopusServer/OctopusServer.config --serverNodeName OCTO4", calls[0]);
            Assert.Equal($"database --instance OctopusServer --connectionString {ConnectionString} --masterKey {MasterKey}", calls[1]);
            Assert.Equal("path --instance OctopusServer --clusterShared /mnt/octopus shared", calls[3]);
            Assert.Equal(6, calls.Length);
        }

        [Fact]
        public async Task A_failed_step_stops_the_sequence_and_says_what_was_done_and_how_to_undo_it_without_secrets()
        {
            _server.FailOn("database");
            var obs = new RecordingObserver();
            var ex = await Assert.ThrowsAsync<OctoHaException>(() => NodeSetup.AddAsync(Request(), obs, CancellationToken.None));

            Assert.Equal("NodeSetupStepFailed", ex.ErrorId);
            Assert.Equal(2, _server.Calls().Length); // create-instance, then the failed database step; nothing after it
            Assert.Contains("Step 2 of 6 (database) failed", ex.Message);
            Assert.Contains("exited with code 3", ex.Message);
            Assert.Contains("Error: database failed", ex.Message); // the stand-in's output tail, masked
            Assert.Contains("1. " + _server.ProgramPath + " create-instance", ex.Message);
            Assert.Contains("Not run: steps 3-6.", ex.Message);
            Assert.Contains(_server.ProgramPath + " delete-instance --instance OctopusServer", ex.Message);
            AssertNoSecret(ex.Message + obs.AllText);
        }

        [Fact]
        public async Task A_failed_task_cap_step_lists_the_service_uninstall_and_the_node_removal_as_undo()
        {
            _server.FailOn("node");
            var ex = await Assert.ThrowsAsync<OctoHaException>(() => NodeSetup.AddAsync(Request(), new RecordingObserver(), CancellationToken.None));
            Assert.Equal(6, _server.Calls().Length);
            Assert.Contains("Not run: none.", ex.Message);
            string undo = ex.Message.Substring(ex.Message.IndexOf("To undo", StringComparison.Ordinal));
            int uninstall = undo.IndexOf("service --instance OctopusServer --stop --uninstall", StringComparison.Ordinal);
            int delete = undo.IndexOf("delete-instance --instance OctopusServer", StringComparison.Ordinal);
            Assert.True(uninstall > 0 && delete > uninstall, undo);
            Assert.Contains("Remove-OctoHaNode -Name OCTO4", undo);
            AssertNoSecret(ex.Message);
        }

        [Fact]
        public async Task A_failing_preflight_check_stops_before_the_first_command_and_a_warning_does_not()
        {
            var failing = Request(r => r.DatabasePreflight = _ => Task.FromResult(new DatabaseReport
            {
                Connected = false,
                Checks = new[] { new CheckResult("Connect", CheckStatus.Fail, "Stand-in: login failed for octo with Password=" + Password) },
            }));
            var ex = await Assert.ThrowsAsync<OctoHaException>(() => NodeSetup.AddAsync(failing, new RecordingObserver(), CancellationToken.None));
            Assert.Equal("PreflightFailed", ex.ErrorId);
            Assert.Contains("[Database.Connect]", ex.Message);
            Assert.Empty(_server.Calls());
            AssertNoSecret(ex.Message);

            // Previewed (-WhatIf), the plan is still shown, headed by the failure, and nothing runs.
            var preview = new RecordingObserver(approve: false);
            var planned = await NodeSetup.AddAsync(failing, preview, CancellationToken.None);
            Assert.True(planned.WhatIf);
            Assert.StartsWith("PREFLIGHT FAILED (Database.Connect)", Assert.Single(preview.Asked).Action);
            Assert.Contains(preview.Warnings, w => w.StartsWith("Preflight Fail Database.Connect", StringComparison.Ordinal));
            Assert.Empty(_server.Calls());
            AssertNoSecret(preview.AllText);

            var obs = new RecordingObserver();
            var warned = Request(r => r.StoragePreflight = () => new[] { new CheckResult("LocalDisk", CheckStatus.Warn, "Stand-in: a local disk.") });
            var result = await NodeSetup.AddAsync(warned, obs, CancellationToken.None);
            Assert.True(result.Completed);
            Assert.Contains(obs.Warnings, w => w.Contains("Storage.LocalDisk"));
        }

        [Fact]
        public async Task A_database_check_that_cannot_run_is_a_failure_not_a_crash()
        {
            var r = Request(x => x.DatabasePreflight = _ => throw new InvalidOperationException("driver missing for " + ConnectionString));
            var ex = await Assert.ThrowsAsync<OctoHaException>(() => NodeSetup.AddAsync(r, new RecordingObserver(), CancellationToken.None));
            Assert.Equal("PreflightFailed", ex.ErrorId);
            AssertNoSecret(ex.Message);
        }

        [Fact]
        public async Task Cluster_checks_refuse_a_node_name_already_registered_and_pass_a_new_one()
        {
            await using var h = await EmulatorHarness.StartAsync(2);
            var taken = Request(r => { r.NodeName = h.Cluster.Nodes[0].Name.ToLowerInvariant(); r.Connection = h.Connection(); });
            var ex = await Assert.ThrowsAsync<OctoHaException>(() => NodeSetup.AddAsync(taken, new RecordingObserver(), CancellationToken.None));
            Assert.Equal("PreflightFailed", ex.ErrorId);
            Assert.Contains("[NodeName]", ex.Message);
            Assert.Empty(_server.Calls());

            var obs = new RecordingObserver(approve: false);
            var fresh = await NodeSetup.AddAsync(Request(r => r.Connection = h.Connection()), obs, CancellationToken.None);
            Assert.Equal(CheckStatus.Pass, fresh.Preflight.Single(c => c.Check == "NodeName").Status);
            Assert.Equal(CheckStatus.Pass, fresh.Preflight.Single(c => c.Check == "ClusterVersion").Status);
            var local = fresh.Preflight.Single(c => c.Check == "LocalVersion");
            Assert.Equal(CheckStatus.Warn, local.Status); // the stand-in script has no file version
            Assert.Contains("Could not read the version", local.Reason);
        }

        [Fact]
        public async Task The_local_Octopus_Server_dll_version_must_match_the_cluster()
        {
            // A real .NET assembly with a real file version stands in for Octopus.Server.dll beside the program.
            string dll = typeof(NodeSetup).Assembly.Location;
            File.Copy(dll, Path.Combine(_server.Folder, "Octopus.Server.dll"));
            string local = System.Diagnostics.FileVersionInfo.GetVersionInfo(dll).ProductVersion!.Split('+')[0];

            await using var h = await EmulatorHarness.StartAsync(2);
            var ex = await Assert.ThrowsAsync<OctoHaException>(() => NodeSetup.AddAsync(Request(r => r.Connection = h.Connection()), new RecordingObserver(), CancellationToken.None));
            Assert.Contains("[LocalVersion]", ex.Message);
            Assert.Contains("install 2025.4.3000 here", ex.Message);

            foreach (var node in h.Cluster.Nodes) node.SetVersion(local);
            var result = await NodeSetup.AddAsync(Request(r => r.Connection = h.Connection()), new RecordingObserver(approve: false), CancellationToken.None);
            Assert.Equal(CheckStatus.Pass, result.Preflight.Single(c => c.Check == "LocalVersion").Status);
        }

        [Fact]
        public async Task Nodes_on_different_versions_are_a_warning()
        {
            await using var h = await EmulatorHarness.StartAsync(2);
            h.Cluster.Nodes[1].SetVersion("2025.4.3100");
            var result = await NodeSetup.AddAsync(Request(r => r.Connection = h.Connection()), new RecordingObserver(approve: false), CancellationToken.None);
            var check = result.Preflight.Single(c => c.Check == "ClusterVersion");
            Assert.Equal(CheckStatus.Warn, check.Status);
            Assert.Contains("2025.4.3100", check.Reason);
        }

        [Fact]
        public async Task Container_output_carries_references_not_secrets_and_runs_nothing()
        {
            var env = await NodeSetup.AddAsync(Request(r => { r.Container = true; r.TaskCap = 0; }), new RecordingObserver(), CancellationToken.None);
            Assert.Empty(_server.Calls());
            Assert.Empty(env.Steps);
            Assert.Contains("DB_CONNECTION_STRING=${DB_CONNECTION_STRING}", env.ContainerText);
            Assert.Contains("MASTER_KEY=${MASTER_KEY}", env.ContainerText);
            Assert.Contains("TASK_CAP=0", env.ContainerText);
            Assert.Contains("CLUSTER_SHARED_MODE=CLUSTER_SHARED", env.ContainerText);
            Assert.Contains("OCTOPUS_SERVER_NODE_NAME=OCTO4", env.ContainerText);
            AssertNoSecret(env.ContainerText!);

            var k8s = await NodeSetup.AddAsync(Request(r => { r.Container = true; r.ContainerFormat = ContainerFormat.Kubernetes; r.SecretName = "octo-secrets"; }), null, CancellationToken.None);
            Assert.Contains("  - name: MASTER_KEY\n    valueFrom:\n      secretKeyRef:\n        name: octo-secrets\n        key: MASTER_KEY", k8s.ContainerText!.Replace("\r\n", "\n"));
            Assert.Contains("  - name: TASK_CAP\n    value: \"0\"", k8s.ContainerText!.Replace("\r\n", "\n"));
            AssertNoSecret(k8s.ContainerText!);
        }

        [Theory]
        [InlineData("NodeNameMissing")]
        [InlineData("MasterKeyMissing")]
        [InlineData("ConnectionStringMissing")]
        [InlineData("InvalidWebListenPrefix")]
        [InlineData("InvalidTaskCap")]
        [InlineData("InvalidCommsPort")]
        [InlineData("SharedStorageMissing")]
        public async Task Bad_input_is_refused_before_any_check_or_command(string errorId)
        {
            var r = Request(x =>
            {
                switch (errorId)
                {
                    case "NodeNameMissing": x.NodeName = " "; break;
                    case "MasterKeyMissing": x.MasterKey = ""; break;
                    case "ConnectionStringMissing": x.ConnectionString = null; break;
                    case "InvalidWebListenPrefix": x.WebListenPrefix = "octo4:80"; break;
                    case "InvalidTaskCap": x.TaskCap = -1; break;
                    case "InvalidCommsPort": x.CommsPort = 70000; break;
                    case "SharedStorageMissing": x.SharedStorage = ""; break;
                }
                x.DatabasePreflight = _ => throw new Xunit.Sdk.XunitException("the preflight must not run");
            });
            var ex = await Assert.ThrowsAsync<OctoHaException>(() => NodeSetup.AddAsync(r, new RecordingObserver(), CancellationToken.None));
            Assert.Equal(errorId, ex.ErrorId);
            Assert.Equal(OctoHaErrorKind.InvalidArgument, ex.Kind);
            Assert.Empty(_server.Calls());
        }

        [Fact]
        public void Connection_strings_mask_only_their_secrets()
        {
            Assert.Equal(new[] { Password, ConnectionString }, OctoHa.Database.SqlConnectionString.SecretsOf(ConnectionString));
            Assert.Empty(OctoHa.Database.SqlConnectionString.SecretsOf("Server=sql01;Database=Octopus;Integrated Security=True"));
            Assert.Equal("pa;ss", OctoHa.Database.SqlConnectionString.SecretsOf("Server=sql01;Pwd='pa;ss'")[0]);
            Assert.Equal(new[] { "Server=sql01;Password='unclosed" }, OctoHa.Database.SqlConnectionString.SecretsOf("Server=sql01;Password='unclosed"));
        }

        private static void AssertNoSecret(string text)
        {
            Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
            Assert.DoesNotContain(MasterKey, text, StringComparison.Ordinal);
        }
    }
}
