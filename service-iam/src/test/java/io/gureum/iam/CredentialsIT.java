package io.gureum.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.model.EncodingType;
import software.amazon.awssdk.services.iam.model.SSHPublicKey;
import software.amazon.awssdk.services.iam.model.ServerCertificateMetadata;
import software.amazon.awssdk.services.iam.model.SigningCertificate;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.Tag;

/** Server certificates, signing certificates and SSH public keys. */
class CredentialsIT extends IamTestSupport {
    private static final KeyStore STORE = store();

    @Test
    void serverCertificatesParseTheirPemAndTakeTheirExpirationFromIt() throws Exception {
        String name = unique("web");
        X509Certificate cert = cert("one");
        ServerCertificateMetadata m = iam.uploadServerCertificate(b -> b.serverCertificateName(name).path("/cloudfront/")
                .certificateBody(certPem("one")).privateKey(keyPem("one")).tags(Tag.builder().key("k").value("v").build())).serverCertificateMetadata();
        assertTrue(m.serverCertificateId().matches("ASCA[A-Z0-9]{17}"), m.serverCertificateId());
        assertEquals("arn:aws:iam::000000000000:server-certificate/cloudfront/" + name, m.arn());
        assertEquals(cert.getNotAfter().toInstant(), m.expiration());
        var got = iam.getServerCertificate(b -> b.serverCertificateName(name)).serverCertificate();
        assertEquals(certPem("one"), got.certificateBody());
        assertEquals(List.of(Tag.builder().key("k").value("v").build()), got.tags());
        assertEquals(List.of(name), iam.listServerCertificates(b -> b.pathPrefix("/cloudfront/"))
                .serverCertificateMetadataList().stream().map(ServerCertificateMetadata::serverCertificateName).toList());
        fails(AwsServiceException.class, "EntityAlreadyExists", 409, null,
                () -> iam.uploadServerCertificate(b -> b.serverCertificateName(name)
                        .certificateBody(certPem("one"))
                        .privateKey(keyPem("one"))));
        fails(AwsServiceException.class, "MalformedCertificate", 400, null,
                () -> iam.uploadServerCertificate(b -> b.serverCertificateName(unique("bad"))
                        .certificateBody("-----BEGIN CERTIFICATE-----\nnotacert\n-----END CERTIFICATE-----")
                        .privateKey(keyPem("one"))));
        fails(AwsServiceException.class, "KeyPairMismatch", 400, null,
                () -> iam.uploadServerCertificate(b -> b.serverCertificateName(unique("mismatch"))
                        .certificateBody(certPem("one"))
                        .privateKey(keyPem("two"))));
        String renamed = unique("renamed");
        iam.updateServerCertificate(b -> b.serverCertificateName(name).newServerCertificateName(renamed).newPath("/x/"));
        assertEquals("arn:aws:iam::000000000000:server-certificate/x/" + renamed,
                iam.getServerCertificate(b -> b.serverCertificateName(renamed)).serverCertificate()
                        .serverCertificateMetadata().arn());
        iam.tagServerCertificate(b -> b.serverCertificateName(renamed).tags(Tag.builder().key("a").value("b").build()));
        assertEquals(2, iam.listServerCertificateTags(b -> b.serverCertificateName(renamed)).tags().size());
        iam.deleteServerCertificate(b -> b.serverCertificateName(renamed));
        fails(AwsServiceException.class, "NoSuchEntity", 404, "The Server Certificate with name " + renamed
                + " cannot be found.", () -> iam.getServerCertificate(b -> b.serverCertificateName(renamed)));
    }

    @Test
    void signingCertificatesAtMostTwoPerUser() throws Exception {
        String user = unique("signer");
        iam.createUser(b -> b.userName(user));
        SigningCertificate one = iam.uploadSigningCertificate(b -> b.userName(user)
                .certificateBody(certPem("one"))).certificate();
        assertEquals(StatusType.ACTIVE, one.status());
        assertTrue(one.certificateId().matches("[A-Z0-9]{28}"), one.certificateId());
        fails(AwsServiceException.class, "DuplicateCertificate", 409, null, () -> iam.uploadSigningCertificate(
                b -> b.userName(user).certificateBody(certPem("one"))));
        iam.uploadSigningCertificate(b -> b.userName(user).certificateBody(certPem("two")));
        fails(AwsServiceException.class, "LimitExceeded", 409, "Cannot exceed quota for SigningCertificatesPerUser: 2",
                () -> iam.uploadSigningCertificate(b -> b.userName(user)
                        .certificateBody(certPem("three"))));
        fails(AwsServiceException.class, "MalformedCertificate", 400, null,
                () -> iam.uploadSigningCertificate(b -> b.userName(user).certificateBody("garbage")));
        iam.updateSigningCertificate(b -> b.userName(user).certificateId(one.certificateId()).status(StatusType.INACTIVE));
        assertEquals(List.of(StatusType.INACTIVE, StatusType.ACTIVE), iam.listSigningCertificates(b -> b.userName(user))
                .certificates().stream().map(SigningCertificate::status).toList());
        fails(AwsServiceException.class, "DeleteConflict", 409, null, () -> iam.deleteUser(b -> b.userName(user)));
        iam.listSigningCertificates(b -> b.userName(user)).certificates().forEach(c -> iam.deleteSigningCertificate(
                b -> b.userName(user).certificateId(c.certificateId())));
        iam.deleteUser(b -> b.userName(user));
    }

    @Test
    void sshPublicKeysInBothEncodingsWithMd5Fingerprints() throws Exception {
        String user = unique("ssh");
        iam.createUser(b -> b.userName(user));
        String body = resource("ssh-2048.pub").trim();
        SSHPublicKey k = iam.uploadSSHPublicKey(b -> b.userName(user).sshPublicKeyBody(body)).sshPublicKey();
        assertTrue(k.sshPublicKeyId().matches("APKA[A-Z0-9]{17}"), k.sshPublicKeyId());
        assertEquals(resource("ssh-2048.md5").trim(), k.fingerprint());
        assertEquals(StatusType.ACTIVE, k.status());
        SSHPublicKey pem = iam.getSSHPublicKey(b -> b.userName(user).sshPublicKeyId(k.sshPublicKeyId())
                .encoding(EncodingType.PEM)).sshPublicKey();
        assertTrue(pem.sshPublicKeyBody().startsWith("-----BEGIN PUBLIC KEY-----"), pem.sshPublicKeyBody());
        SSHPublicKey ssh = iam.getSSHPublicKey(b -> b.userName(user).sshPublicKeyId(k.sshPublicKeyId())
                .encoding(EncodingType.SSH)).sshPublicKey();
        assertEquals(body.substring(0, body.lastIndexOf(' ')), ssh.sshPublicKeyBody());
        fails(AwsServiceException.class, "DuplicateSSHPublicKey", 400, null,
                () -> iam.uploadSSHPublicKey(b -> b.userName(user).sshPublicKeyBody(pem.sshPublicKeyBody())));
        SSHPublicKey other = iam.uploadSSHPublicKey(b -> b.userName(user).sshPublicKeyBody(resource("ssh-other.pem")))
                .sshPublicKey();
        assertEquals(resource("ssh-other.md5").trim(), other.fingerprint());
        fails(AwsServiceException.class, "InvalidPublicKey", 400, null,
                () -> iam.uploadSSHPublicKey(b -> b.userName(user).sshPublicKeyBody(resource("ssh-1024.pub"))));
        fails(AwsServiceException.class, "UnrecognizedPublicKeyEncoding", 400, null,
                () -> iam.uploadSSHPublicKey(b -> b.userName(user).sshPublicKeyBody("ssh-dss AAAA")));
        iam.updateSSHPublicKey(b -> b.userName(user).sshPublicKeyId(k.sshPublicKeyId()).status(StatusType.INACTIVE));
        assertEquals(2, iam.listSSHPublicKeys(b -> b.userName(user)).sshPublicKeys().size());
        iam.deleteSSHPublicKey(b -> b.userName(user).sshPublicKeyId(k.sshPublicKeyId()));
        fails(AwsServiceException.class, "NoSuchEntity", 404, null, () -> iam.getSSHPublicKey(b -> b.userName(user)
                .sshPublicKeyId(k.sshPublicKeyId()).encoding(EncodingType.SSH)));
    }

    private static KeyStore store() {
        try (InputStream in = CredentialsIT.class.getResourceAsStream("certs.p12")) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, "changeit".toCharArray());
            return ks;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate cert(String alias) {
        try {
            return (X509Certificate) STORE.getCertificate(alias);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String certPem(String alias) {
        try {
            return pem("CERTIFICATE", cert(alias).getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String keyPem(String alias) {
        try {
            return pem("PRIVATE KEY", ((PrivateKey) STORE.getKey(alias, "changeit".toCharArray())).getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String resource(String name) {
        try (InputStream in = CredentialsIT.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
