using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BuildGraph.Cli.Tests.Build;

namespace BuildGraph.Cli.Tests.Remote;

/// <summary>
/// A remote's <c>auth</c> settings reach the connection: <c>server-cert</c> makes a private CA trusted,
/// <c>client-cert</c>/<c>client-key</c> authenticate a push to a server that wants a client certificate.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TlsRemoteTests
{
    [BuildFact]
    public async Task Build_TlsRemoteWithClientCertificate_PushesAndWithoutItIsRefused()
    {
        using var project = BusyboxBase.Copy("build-basic");
        var certs = Path.Combine(project.Directory, "certs");
        Directory.CreateDirectory(certs);
        using var ca = CreateCa();
        WritePem(ca, Path.Combine(certs, "ca.pem"));
        using var serverCert = Issue(ca, "localhost", server: true);
        WritePem(serverCert, Path.Combine(certs, "server.pem"), Path.Combine(certs, "server.key"));
        using var clientCert = Issue(ca, "bgx test client", server: false);
        WritePem(clientCert, Path.Combine(certs, "client.pem"), Path.Combine(certs, "client.key"));
        await using var server = await RemoteServer.StartAsync(configure: o => o with
        {
            TlsCertificateFile = Path.Combine(certs, "server.pem"),
            TlsKeyFile = Path.Combine(certs, "server.key"),
            ClientCaFile = Path.Combine(certs, "ca.pem"),
        }, trustedRoots: [ca]);
        Assert.StartsWith("https://", server.Url, StringComparison.Ordinal);
        var conf = Path.Combine(project.Directory, "project.conf");
        var original = File.ReadAllText(conf);

        File.WriteAllText(conf, original + $"\nartifacts:\n- url: {server.Url}\n  push: true\n  auth:\n    server-cert: certs/ca.pem\n");
        var refused = project.Run("build", "hello.bst").AssertSuccess();
        Assert.Contains("refused a push", refused.Stdout, StringComparison.Ordinal);
        Assert.Empty(refused.Elements("PUSHED"));

        File.WriteAllText(conf, original + $"""

            artifacts:
            - url: {server.Url}
              push: true
              auth:
                server-cert: certs/ca.pem
                client-cert: certs/client.pem
                client-key: certs/client.key
            """);
        var pushed = project.Run("build", "hello.bst").AssertSuccess();
        Assert.Equal(["base.bst", "hello.bst"], pushed.Elements("PUSHED").Order(StringComparer.Ordinal));

        // Without the CA the server is not trusted: a warning, and the build goes on.
        File.WriteAllText(conf, original + $"\nartifacts:\n- url: {server.Url}\n");
        project.ForgetCache();
        var untrusted = project.Run("build", "hello.bst").AssertSuccess();
        Assert.Contains("unavailable", untrusted.Stdout, StringComparison.Ordinal);
        Assert.Equal(["base.bst", "hello.bst"], untrusted.Elements("START").Order(StringComparer.Ordinal));
    }

    private static X509Certificate2 CreateCa()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=bgx remote test CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, string name, bool server)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        if (server)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName("localhost");
            san.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
        }
        var serial = RandomNumberGenerator.GetBytes(8);
        serial[0] &= 0x7f; // positive
        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(ca, now.AddDays(-1), now.AddDays(29), serial);
        return issued.CopyWithPrivateKey(key);
    }

    private static void WritePem(X509Certificate2 certificate, string certificatePath, string? keyPath = null)
    {
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        if (keyPath is not null)
            File.WriteAllText(keyPath, certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
    }
}
