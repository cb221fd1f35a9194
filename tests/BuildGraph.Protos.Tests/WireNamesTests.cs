using BuildGraph.Protos.Asset;
using BuildGraph.Protos.BuildStream;
using BuildGraph.Protos.ByteStream;
using BuildGraph.Protos.LongRunning;
using BuildGraph.Protos.Reapi;
using BuildGraph.Protos.Rpc;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace BuildGraph.Protos.Tests;

/// <summary>
/// Peers find messages and methods by their proto names (gRPC paths, Any type URLs), so these must
/// be upstream's names whatever our C# namespaces are.
/// </summary>
public sealed class WireNamesTests
{
    public static TheoryData<MessageDescriptor, string> Messages => new()
    {
        { Reapi.Directory.Descriptor, "build.bazel.remote.execution.v2.Directory" },
        { Reapi.Action.Descriptor, "build.bazel.remote.execution.v2.Action" },
        { Command.Types.EnvironmentVariable.Descriptor, "build.bazel.remote.execution.v2.Command.EnvironmentVariable" },
        { ExecuteOperationMetadata.Descriptor, "build.bazel.remote.execution.v2.ExecuteOperationMetadata" },
        { RequestMetadata.Descriptor, "build.bazel.remote.execution.v2.RequestMetadata" },
        { SemVer.SemVer.Descriptor, "build.bazel.semver.SemVer" },
        { ReadRequest.Descriptor, "google.bytestream.ReadRequest" },
        { Status.Descriptor, "google.rpc.Status" },
        { Operation.Descriptor, "google.longrunning.Operation" },
        { FetchBlobRequest.Descriptor, "build.bazel.remote.asset.v1.FetchBlobRequest" },
        { Artifact.Descriptor, "buildstream.v2.Artifact" },
        { Artifact.Types.LogFile.Descriptor, "buildstream.v2.Artifact.LogFile" },
        { Source.Descriptor, "buildstream.v2.Source" },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void MessageDescriptor_FullName_IsUpstreamName(MessageDescriptor descriptor, string expected) =>
        Assert.Equal(expected, descriptor.FullName);

    [Fact]
    public void AnyPack_ExecuteResponse_UsesUpstreamTypeUrl()
    {
        var packed = Any.Pack(new ExecuteResponse { CachedResult = true });

        Assert.Equal("type.googleapis.com/build.bazel.remote.execution.v2.ExecuteResponse", packed.TypeUrl);
        Assert.True(packed.Unpack<ExecuteResponse>().CachedResult);
    }

    [Theory]
    [InlineData("build.bazel.remote.execution.v2.ContentAddressableStorage", "FindMissingBlobs,BatchUpdateBlobs,BatchReadBlobs,GetTree")]
    [InlineData("build.bazel.remote.execution.v2.ActionCache", "GetActionResult,UpdateActionResult")]
    [InlineData("build.bazel.remote.execution.v2.Execution", "Execute,WaitExecution")]
    [InlineData("build.bazel.remote.execution.v2.Capabilities", "GetCapabilities")]
    [InlineData("google.bytestream.ByteStream", "Read,Write,QueryWriteStatus")]
    [InlineData("build.bazel.remote.asset.v1.Fetch", "FetchBlob,FetchDirectory")]
    [InlineData("build.bazel.remote.asset.v1.Push", "PushBlob,PushDirectory")]
    public void ServiceDescriptor_Methods_AreUpstreamMethods(string service, string methods)
    {
        var files = new[] { RemoteExecutionReflection.Descriptor, BytestreamReflection.Descriptor, RemoteAssetReflection.Descriptor };

        var descriptor = files.SelectMany(f => f.Services).Single(s => s.FullName == service);

        Assert.Equal(methods.Split(','), descriptor.Methods.Select(m => m.Name));
    }

    [Fact]
    public void Command_LegacyOutputFields_SurviveTheWireWithUpstreamNumbers()
    {
        var command = new Command { WorkingDirectory = "src", Platform = new Platform() };
        command.OutputFiles.Add("out/a");
        command.OutputDirectories.Add("out/d");
        command.OutputPaths.Add("out");
        command.Platform.Properties.Add(new Platform.Types.Property { Name = "OSFamily", Value = "linux" });

        var parsed = Command.Parser.ParseFrom(command.ToByteArray());

        Assert.Equal(command, parsed);
        Assert.Equal(3, Command.OutputFilesFieldNumber);
        Assert.Equal(4, Command.OutputDirectoriesFieldNumber);
        Assert.Equal(5, Command.PlatformFieldNumber);
        Assert.Equal(7, Command.OutputPathsFieldNumber);
    }

    [Fact]
    public void Directory_EmptyMessage_SerialisesToNoBytes()
    {
        // The empty tree's digest is the empty blob's: e3b0c442... with size 0.
        Assert.Empty(new Reapi.Directory().ToByteArray());
    }
}
