using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VkLongPoll.Testing.Hosting;

/// <summary>A self-signed certificate for 127.0.0.1 and localhost, made at start and written out as PEM.</summary>
internal static class LoopbackCertificate
{
    public static X509Certificate2 Create(TimeProvider time)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=VkLongPoll emulator (127.0.0.1)", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        // It is its own CA, so a client can trust exactly this certificate and nothing else.
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = time.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        // Kestrel on Linux needs the key in an exportable, loaded form.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
    }

    /// <summary>The certificate kept in <paramref name="certificatePath"/> and <paramref name="keyPath"/>, made and written there on the first start.</summary>
    public static X509Certificate2 Kept(string certificatePath, string keyPath, TimeProvider time)
    {
        try
        {
            return LoadOrMake(certificatePath, keyPath, time);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            // One plain reason for the caller (vklp prints it as it is), not a stack of crypto internals.
            throw new ArgumentException($"the kept certificate {certificatePath} (key {keyPath}) cannot be used: {e.Message}", e);
        }
    }

    private static X509Certificate2 LoadOrMake(string certificatePath, string keyPath, TimeProvider time)
    {
        if (File.Exists(certificatePath) && File.Exists(keyPath))
        {
            using var loaded = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
            if (loaded.NotAfter > time.GetUtcNow().AddDays(1))
            {
                return X509CertificateLoader.LoadPkcs12(loaded.Export(X509ContentType.Pkcs12), password: null);
            }
        }

        var certificate = Create(time);
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var key = new StreamWriter(keyPath, new System.Text.UTF8Encoding(false), options))
        {
            key.Write(certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        }

        return certificate;
    }

    public static string WritePem(X509Certificate2 certificate, string? path)
    {
        path ??= Path.Combine(Path.GetTempPath(), $"vklp-emulator-{Environment.ProcessId}-{certificate.Thumbprint[..8]}.pem");
        File.WriteAllText(path, certificate.ExportCertificatePem());
        return path;
    }
}
