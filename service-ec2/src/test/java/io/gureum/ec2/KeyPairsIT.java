package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateKeyPairResponse;
import software.amazon.awssdk.services.ec2.model.KeyPairInfo;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagDescription;

/** Key pairs through the SDK: real key material checked with nothing but the JDK. */
class KeyPairsIT extends Ec2ApiTestBase {
    /** PKCS#8 PrivateKeyInfo header for rsaEncryption, before the OCTET STRING's length. */
    private static final byte[] ED25519_PKCS8 = HexFormat.of().parseHex("302e020100300506032b657004220420");
    private static final byte[] ED25519_X509 = HexFormat.of().parseHex("302a300506032b6570032100");

    private static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    @Test
    void createdRsaPemIsPkcs1WhoseFingerprintIsTheSha1OfItsPkcs8() throws Exception {
        try (Ec2Client ec2 = ec2()) {
            String name = name("rsa");
            CreateKeyPairResponse created = ec2.createKeyPair(b -> b.keyName(name));
            String pem = created.keyMaterial();
            assertTrue(pem.startsWith("-----BEGIN RSA PRIVATE KEY-----\n"), pem);
            assertTrue(pem.endsWith("\n-----END RSA PRIVATE KEY-----"), pem);
            assertTrue(created.keyPairId().matches("key-[0-9a-f]{17}"), created.keyPairId());

            RSAPrivateCrtKey key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(pkcs1ToPkcs8(pemBody(pem))));
            assertEquals(2048, key.getModulus().bitLength());
            String sha1 = HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("SHA-1").digest(key.getEncoded()));
            assertEquals(sha1, created.keyFingerprint());

            KeyPairInfo info = ec2.describeKeyPairs(b -> b.keyNames(name).includePublicKey(true)).keyPairs().get(0);
            assertEquals("rsa", info.keyTypeAsString());
            assertEquals(sha1, info.keyFingerprint());
            assertEquals(created.keyPairId(), info.keyPairId());
            assertNotNull(info.createTime());
            String[] line = info.publicKey().split(" ");
            assertEquals("ssh-rsa", line[0]);
            assertEquals(name, line[2]);
            Reader blob = new Reader(Base64.getDecoder().decode(line[1]));
            assertEquals("ssh-rsa", blob.text());
            assertEquals(key.getPublicExponent(), blob.mpint());
            assertEquals(key.getModulus(), blob.mpint());
            // Without IncludePublicKey there is none.
            assertNull(ec2.describeKeyPairs(b -> b.keyNames(name)).keyPairs().get(0).publicKey());
        }
    }

    @Test
    void createdEd25519IsAnOpenSshPrivateKeyThatSignsForTheDescribedPublicKey() throws Exception {
        try (Ec2Client ec2 = ec2()) {
            String name = name("ed");
            CreateKeyPairResponse created = ec2.createKeyPair(b -> b.keyName(name).keyType("ed25519"));
            String pem = created.keyMaterial();
            assertTrue(pem.startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n"), pem);

            Reader in = new Reader(pemBody(pem));
            assertEquals("openssh-key-v1", new String(in.bytes(15), StandardCharsets.US_ASCII).trim());
            assertEquals("none", in.text());
            assertEquals("none", in.text());
            assertEquals(0, in.string().length);
            assertEquals(1, in.uint32());
            byte[] publicBlob = in.string();
            Reader priv = new Reader(in.string());
            assertEquals(priv.uint32(), priv.uint32());
            assertEquals("ssh-ed25519", priv.text());
            byte[] pk = priv.string();
            byte[] secret = priv.string();
            assertArrayEquals(pk, Arrays.copyOfRange(secret, 32, 64));

            KeyPairInfo info = ec2.describeKeyPairs(b -> b.keyPairIds(created.keyPairId()).includePublicKey(true))
                    .keyPairs().get(0);
            assertEquals("ed25519", info.keyTypeAsString());
            byte[] describedBlob = Base64.getDecoder().decode(info.publicKey().split(" ")[1]);
            assertArrayEquals(publicBlob, describedBlob);
            String sha256 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(describedBlob));
            assertEquals(sha256, created.keyFingerprint());
            assertEquals(sha256, info.keyFingerprint());

            KeyFactory ed = KeyFactory.getInstance("Ed25519");
            PrivateKey privateKey = ed.generatePrivate(new PKCS8EncodedKeySpec(concat(ED25519_PKCS8,
                    Arrays.copyOf(secret, 32))));
            Reader described = new Reader(describedBlob);
            assertEquals("ssh-ed25519", described.text());
            PublicKey publicKey = ed.generatePublic(new X509EncodedKeySpec(concat(ED25519_X509, described.string())));
            Signature sign = Signature.getInstance("Ed25519");
            sign.initSign(privateKey);
            sign.update("hello".getBytes(StandardCharsets.UTF_8));
            byte[] signature = sign.sign();
            Signature verify = Signature.getInstance("Ed25519");
            verify.initVerify(publicKey);
            verify.update("hello".getBytes(StandardCharsets.UTF_8));
            assertTrue(verify.verify(signature));
        }
    }

    @Test
    void ppkIsPuttyVersion2WithAValidMac() throws Exception {
        try (Ec2Client ec2 = ec2()) {
            String name = name("ppk");
            String ppk = ec2.createKeyPair(b -> b.keyName(name).keyFormat("ppk")).keyMaterial();
            List<String> lines = List.of(ppk.split("\n"));
            assertEquals("PuTTY-User-Key-File-2: ssh-rsa", lines.get(0));
            assertEquals("Encryption: none", lines.get(1));
            assertEquals("Comment: " + name, lines.get(2));
            int publicLines = Integer.parseInt(lines.get(3).substring("Public-Lines: ".length()));
            byte[] publicBlob = Base64.getDecoder().decode(String.join("", lines.subList(4, 4 + publicLines)));
            int at = 4 + publicLines;
            int privateLines = Integer.parseInt(lines.get(at).substring("Private-Lines: ".length()));
            byte[] privateBlob = Base64.getDecoder()
                    .decode(String.join("", lines.subList(at + 1, at + 1 + privateLines)));
            String mac = lines.get(at + 1 + privateLines).substring("Private-MAC: ".length());

            Mac hmac = Mac.getInstance("HmacSHA1");
            hmac.init(new SecretKeySpec(MessageDigest.getInstance("SHA-1")
                    .digest("putty-private-key-file-mac-key".getBytes(StandardCharsets.US_ASCII)), "HmacSHA1"));
            byte[] data = concat(str("ssh-rsa".getBytes()), str("none".getBytes()), str(name.getBytes()),
                    str(publicBlob), str(privateBlob));
            assertEquals(HexFormat.of().formatHex(hmac.doFinal(data)), mac);

            Reader pub = new Reader(publicBlob);
            assertEquals("ssh-rsa", pub.text());
            BigInteger e = pub.mpint();
            BigInteger n = pub.mpint();
            Reader priv = new Reader(privateBlob);
            BigInteger d = priv.mpint();
            BigInteger p = priv.mpint();
            BigInteger q = priv.mpint();
            assertEquals(n, p.multiply(q));
            BigInteger m = BigInteger.valueOf(42);
            assertEquals(m, m.modPow(e, n).modPow(d, n));
        }
    }

    /**
     * A 3072-bit RSA public key (X.509 DER, from {@code openssl genrsa 3072}; its private half was never kept):
     * the import test reads only a public key, and generating a 3072-bit pair took seconds of CPU in each run.
     */
    private static final String RSA_3072_PUBLIC = "MIIBojANBgkqhkiG9w0BAQEFAAOCAY8AMIIBigKCAYEA1ew03ZNWljI/waYMwqfwm/KJFGsSK570iW2RW9udZ4giLfC7k0jD"
            + "GGMrXWPLA+zsFtZfbgLCsWQHzN8fJkl4AAR00NSHKeHZfYIaNGEMFDkIFAz7hmMlZPeu63oFiHI0hcX+pi81JMFGh1nT//qf"
            + "yULxcRUO1w6N/3rZyxnMzZtgB+PwQuBy67Bpn5j4Vi6LPT8EkiqzqjnAd3+RXlPseAmbia92q0jbGGnfxRAPOCroaZIS0fj+"
            + "6FZA1Qsmmh+QLaADHW3V7wAAPtkRh+DGxDLhExIv3WXCkBzBHSNQWMt4kmv6vV4QXTfkneSIMt9uXOUtlNppUmBGb/1HJEaY"
            + "VgtDJjZiv28kWjLSzeYvjFohRwZ2tt54hTBU89jxN6Oeo9H3YYQn92/oS+LUr4fsJvF9ZdkhUqYefPIwVOu5cya7voWgdipt"
            + "9sU/UMN4gc47kw0C+1yybHk0HLsdxph/t693ZXgXFtiCLPlg4wABPD3ZZcefN6czkPLLIChijGBLAgMBAAE=";

    @Test
    void importedRsaIsFingerprintedByTheMd5OfItsDerPublicKeyInEveryAcceptedForm() throws Exception {
        RSAPublicKey pub = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(RSA_3072_PUBLIC)));
        assertEquals(3072, pub.getModulus().bitLength());
        String expected = HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("MD5").digest(pub.getEncoded()));
        String b64 = Base64.getEncoder().encodeToString(concat(str("ssh-rsa".getBytes()),
                str(pub.getPublicExponent().toByteArray()), str(pub.getModulus().toByteArray())));
        List<String> forms = List.of(
                "ssh-rsa " + b64 + " me@laptop\n",
                "---- BEGIN SSH2 PUBLIC KEY ----\nComment: \"3072-bit RSA, converted by me@laptop\"\n"
                        + b64.replaceAll("(.{70})", "$1\n") + "\n---- END SSH2 PUBLIC KEY ----\n",
                "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(pub.getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
        try (Ec2Client ec2 = ec2()) {
            for (String form : forms) {
                String name = name("imported");
                var r = ec2.importKeyPair(b -> b.keyName(name).publicKeyMaterial(SdkBytes.fromUtf8String(form)));
                assertEquals(expected, r.keyFingerprint(), form);
                KeyPairInfo info = ec2.describeKeyPairs(b -> b.keyNames(name).includePublicKey(true)).keyPairs().get(0);
                assertEquals("rsa", info.keyTypeAsString());
                assertEquals("ssh-rsa " + b64 + " " + name, info.publicKey());
            }
        }
    }

    @Test
    void importedEd25519IsFingerprintedByTheBase64Sha256OfItsBlob() throws Exception {
        byte[] spki = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
        byte[] blob = concat(str("ssh-ed25519".getBytes()), str(Arrays.copyOfRange(spki, 12, 44)));
        String line = "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob);
        try (Ec2Client ec2 = ec2()) {
            String name = name("imported-ed");
            var r = ec2.importKeyPair(b -> b.keyName(name).publicKeyMaterial(SdkBytes.fromUtf8String(line)));
            assertEquals(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(blob)),
                    r.keyFingerprint());
            assertEquals(1, ec2.describeKeyPairs(b -> b.filters(f -> f.name("fingerprint").values(r.keyFingerprint()),
                    f -> f.name("key-type").values("ed25519"))).keyPairs().size());
        }
    }

    @Test
    void materialThatIsNoAcceptedKeyIsInvalidKeyFormat() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(512);
        RSAPublicKey small = (RSAPublicKey) g.generateKeyPair().getPublic();
        String tooSmall = "ssh-rsa " + Base64.getEncoder().encodeToString(concat(str("ssh-rsa".getBytes()),
                str(small.getPublicExponent().toByteArray()), str(small.getModulus().toByteArray())));
        List<String> bad = List.of("not a key", "ssh-rsa AAAA!!!", tooSmall,
                "ssh-dss AAAAB3NzaC1kc3MAAACBAP1/U4EddRIpUt9KnC7s5Of2EbdSPO9EAMMeP4C2USZpRV1AIlH7WT2NWPq/xfW6MPbLm1Vs14E7");
        try (Ec2Client ec2 = ec2()) {
            for (String material : bad) {
                String message = fails("InvalidKey.Format", 400, () -> ec2.importKeyPair(b -> b.keyName(name("bad"))
                        .publicKeyMaterial(SdkBytes.fromUtf8String(material))));
                assertEquals("Key is not in valid OpenSSH public key format", message);
            }
        }
    }

    @Test
    void namesAreUniqueAndMissingKeysAreNotFound() {
        try (Ec2Client ec2 = ec2()) {
            String name = name("dup");
            ec2.createKeyPair(b -> b.keyName(name));
            assertEquals("The keypair '" + name + "' already exists.",
                    fails("InvalidKeyPair.Duplicate", 400, () -> ec2.createKeyPair(b -> b.keyName(name))));
            assertEquals("The key pair 'nope-" + name + "' does not exist", fails("InvalidKeyPair.NotFound", 400,
                    () -> ec2.describeKeyPairs(b -> b.keyNames(name, "nope-" + name))));
            fails("InvalidKeyPair.NotFound", 400, () -> ec2.describeKeyPairs(b -> b.keyPairIds("key-0123456789abcdef0")));
            // A key pair is per region: the same name is free in another one.
            try (Ec2Client other = ec2("us-west-2")) {
                other.createKeyPair(b -> b.keyName(name));
                other.deleteKeyPair(b -> b.keyName(name));
            }
        }
    }

    @Test
    void deleteByNameOrIdIsIdempotent() {
        try (Ec2Client ec2 = ec2()) {
            String a = name("del-a");
            String b = name("del-b");
            ec2.createKeyPair(x -> x.keyName(a));
            String idB = ec2.createKeyPair(x -> x.keyName(b).keyType("ed25519")).keyPairId();
            var byName = ec2.deleteKeyPair(x -> x.keyName(a));
            assertTrue(byName.returnValue());
            assertNotNull(byName.keyPairId());
            assertEquals(idB, ec2.deleteKeyPair(x -> x.keyPairId(idB)).keyPairId());
            assertTrue(ec2.deleteKeyPair(x -> x.keyName(a)).returnValue());
            assertTrue(ec2.deleteKeyPair(x -> x.keyPairId(idB)).returnValue());
            fails("InvalidKeyPair.NotFound", 400, () -> ec2.describeKeyPairs(x -> x.keyNames(a)));
            fails("MissingParameter", 400, () -> ec2.deleteKeyPair(x -> x.dryRun(false)));
        }
    }

    @Test
    void tagsAreThoseOfTheRegistryAndDryRunChangesNothing() {
        try (Ec2Client ec2 = ec2()) {
            String name = name("tagged");
            String team = UUID.randomUUID().toString();
            var created = ec2.createKeyPair(b -> b.keyName(name)
                    .tagSpecifications(t -> t.resourceType(ResourceType.KEY_PAIR).tags(x -> x.key("team").value(team))));
            assertEquals(team, created.tags().get(0).value());
            ec2.createTags(b -> b.resources(created.keyPairId()).tags(x -> x.key("env").value("dev")));
            List<TagDescription> tags = ec2.describeTags(b -> b.filters(f -> f.name("resource-id")
                    .values(created.keyPairId()))).tags();
            assertEquals(2, tags.size());
            assertEquals("key-pair", tags.get(0).resourceTypeAsString());
            assertEquals(List.of(name), ec2.describeKeyPairs(b -> b.filters(f -> f.name("tag:team").values(team)))
                    .keyPairs().stream().map(KeyPairInfo::keyName).toList());
            fails("InvalidParameterValue", 400, () -> ec2.createKeyPair(b -> b.keyName(name("x"))
                    .tagSpecifications(t -> t.resourceType(ResourceType.INSTANCE).tags(x -> x.key("a").value("b")))));
            fails("InvalidParameterValue", 400, () -> ec2.describeKeyPairs(b -> b.filters(f -> f.name("colour").values("x"))));

            String dry = name("dry");
            fails("DryRunOperation", 412, () -> ec2.createKeyPair(b -> b.keyName(dry).dryRun(true)));
            fails("InvalidKeyPair.NotFound", 400, () -> ec2.describeKeyPairs(b -> b.keyNames(dry)));
            fails("DryRunOperation", 412, () -> ec2.deleteKeyPair(b -> b.keyName(name).dryRun(true)));
            ec2.deleteKeyPair(b -> b.keyName(name));
            // Deleted: gone from the registry, so no longer taggable.
            assertTrue(ec2.describeTags(b -> b.filters(f -> f.name("resource-id").values(created.keyPairId())))
                    .tags().isEmpty());
        }
    }

    // --- helpers: the SSH wire format and PEM, read with the JDK alone ---

    static byte[] pemBody(String pem) {
        StringBuilder b = new StringBuilder();
        for (String line : pem.split("\n")) {
            if (!line.startsWith("-----")) {
                b.append(line);
            }
        }
        return Base64.getDecoder().decode(b.toString());
    }

    /** PKCS#1 RSAPrivateKey wrapped in a PKCS#8 PrivateKeyInfo, which is what KeyFactory reads. */
    static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        byte[] algorithm = HexFormat.of().parseHex("300d06092a864886f70d0101010500");
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octets = concat(new byte[] {0x04}, derLength(pkcs1.length), pkcs1);
        byte[] body = concat(version, algorithm, octets);
        return concat(new byte[] {0x30}, derLength(body.length), body);
    }

    private static byte[] derLength(int n) {
        if (n < 0x80) {
            return new byte[] {(byte) n};
        }
        return n < 0x100 ? new byte[] {(byte) 0x81, (byte) n} : new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
    }

    static byte[] str(byte[] b) {
        return concat(ByteBuffer.allocate(4).putInt(b.length).array(), b);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static final class Reader {
        private final ByteBuffer in;

        Reader(byte[] b) {
            in = ByteBuffer.wrap(b);
        }

        int uint32() {
            return in.getInt();
        }

        byte[] bytes(int n) {
            byte[] b = new byte[n];
            in.get(b);
            return b;
        }

        byte[] string() {
            return bytes(in.getInt());
        }

        String text() {
            return new String(string(), StandardCharsets.US_ASCII);
        }

        BigInteger mpint() {
            return new BigInteger(string());
        }
    }
}
