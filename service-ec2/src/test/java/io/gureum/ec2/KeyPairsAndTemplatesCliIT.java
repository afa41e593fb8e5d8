package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.testing.AwsCli;
import io.gureum.junit5.GureumExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real AWS CLI against a server whose services are found by ServiceLoader: a key pair saved to a
 * file as the EC2 user guide shows it ({@code --query KeyMaterial --output text > key.pem}), read back by
 * the JDK and by OpenSSH's {@code ssh-keygen} when it is installed, and a launch template with two versions.
 */
@org.junit.jupiter.api.Tag("slow") // the slow tier: skipped by mvn verify -Dfast
class KeyPairsAndTemplatesCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final GureumExtension server = GureumExtension.builder().build();
    static AwsCli aws;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        aws = new AwsCli(server.gureum().endpoint(), "123456789012", "us-east-1");
    }

    static String run(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("ec2"));
        all.addAll(List.of(args));
        AwsCli.Result r = aws.run(all.toArray(String[]::new));
        assertEquals(0, r.exitCode(), String.join(" ", args) + " failed: " + r.stderr());
        return r.stdout();
    }

    static JsonNode json(String... args) throws Exception {
        return JSON.readTree(run(args));
    }

    /** {@code ssh-keygen -y -f key}: the public key OpenSSH derives from a private key file, or null without OpenSSH. */
    static String sshPublicKey(Path key) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("ssh-keygen", "-y", "-f", key.toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException noOpenSsh) {
            return null;
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private Path save(String name, String material) throws Exception {
        Path file = dir.resolve(name + ".pem");
        Files.writeString(file, material);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    @Test
    void aKeyPairSavedToAFileIsARealKey() throws Exception {
        String name = "cli-" + UUID.randomUUID();
        Path pem = save(name, run("create-key-pair", "--key-name", name, "--query", "KeyMaterial", "--output", "text"));
        JsonNode info = json("describe-key-pairs", "--key-names", name, "--include-public-key").get("KeyPairs").get(0);
        assertEquals("rsa", info.get("KeyType").asText());

        byte[] pkcs1 = KeyPairsIT.pemBody(Files.readString(pem).strip());
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(KeyPairsIT.pkcs1ToPkcs8(pkcs1)));
        assertEquals(HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("SHA-1").digest(key.getEncoded())),
                info.get("KeyFingerprint").asText());

        String[] described = info.get("PublicKey").asText().split(" ");
        String derived = sshPublicKey(pem);
        if (derived != null) {
            String[] ssh = derived.split(" ");
            assertEquals(described[0], ssh[0]);
            assertEquals(described[1], ssh[1]);
        }

        // The public half imported under another name: fingerprinted as AWS does imported RSA keys.
        Path pub = dir.resolve(name + ".pub");
        Files.writeString(pub, described[0] + " " + described[1] + "\n");
        JsonNode imported = json("import-key-pair", "--key-name", name + "-imported", "--public-key-material",
                "fileb://" + pub);
        assertEquals(HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("MD5")
                .digest(KeyFactory.getInstance("RSA").generatePublic(new java.security.spec.RSAPublicKeySpec(
                        key.getModulus(), key.getPublicExponent())).getEncoded())), imported.get("KeyFingerprint").asText());

        json("delete-key-pair", "--key-name", name);
        AwsCli.Result gone = aws.run("ec2", "describe-key-pairs", "--key-names", name);
        assertTrue(gone.exitCode() != 0 && gone.stderr().contains("(InvalidKeyPair.NotFound)"), gone.stderr());
    }

    @Test
    void anEd25519KeyReadsWithOpenSsh() throws Exception {
        String name = "cli-ed-" + UUID.randomUUID();
        Path key = save(name, run("create-key-pair", "--key-name", name, "--key-type", "ed25519", "--query",
                "KeyMaterial", "--output", "text"));
        assertTrue(Files.readString(key).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----"));
        String described = json("describe-key-pairs", "--key-names", name, "--include-public-key").get("KeyPairs")
                .get(0).get("PublicKey").asText();
        String derived = sshPublicKey(key);
        if (derived != null) {
            assertEquals(described.split(" ")[1], derived.split(" ")[1]);
        }
    }

    @Test
    void aLaunchTemplateWithTwoVersions() throws Exception {
        String name = "cli-lt-" + UUID.randomUUID();
        JsonNode t = json("create-launch-template", "--launch-template-name", name, "--version-description", "small",
                "--launch-template-data", "{\"InstanceType\":\"t3.micro\",\"KeyName\":\"web\"}").get("LaunchTemplate");
        String id = t.get("LaunchTemplateId").asText();
        assertEquals(1, t.get("LatestVersionNumber").asInt());

        JsonNode v2 = json("create-launch-template-version", "--launch-template-id", id, "--source-version", "1",
                "--version-description", "large", "--launch-template-data", "{\"InstanceType\":\"t3.large\"}")
                .get("LaunchTemplateVersion");
        assertEquals(2, v2.get("VersionNumber").asInt());
        assertEquals("web", v2.get("LaunchTemplateData").get("KeyName").asText());

        assertEquals(2, json("modify-launch-template", "--launch-template-name", name, "--default-version", "2")
                .get("LaunchTemplate").get("DefaultVersionNumber").asInt());
        JsonNode versions = json("describe-launch-template-versions", "--launch-template-name", name)
                .get("LaunchTemplateVersions");
        assertEquals(2, versions.size());
        assertEquals("t3.large", versions.get(0).get("LaunchTemplateData").get("InstanceType").asText());
        assertTrue(versions.get(0).get("DefaultVersion").asBoolean());
        assertEquals("small", json("describe-launch-template-versions", "--launch-template-id", id, "--versions", "1")
                .get("LaunchTemplateVersions").get(0).get("VersionDescription").asText());

        json("delete-launch-template", "--launch-template-id", id);
        AwsCli.Result gone = aws.run("ec2", "describe-launch-templates", "--launch-template-ids", id);
        assertTrue(gone.exitCode() != 0 && gone.stderr().contains("(InvalidLaunchTemplateId.NotFound)"), gone.stderr());
    }
}
