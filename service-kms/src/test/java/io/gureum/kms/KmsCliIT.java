package io.gureum.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.testing.AwsCli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scenario as a user types it with the real {@code aws} CLI: create keys, encrypt, decrypt, sign, verify. */
@org.junit.jupiter.api.Tag("slow") // the slow tier: skipped by mvn verify -Dfast
class KmsCliIT extends KmsTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void createEncryptDecryptSignVerifyWithTheCli(@TempDir Path dir) throws Exception {
        AwsCli aws = new AwsCli(gureum.endpoint(), "test", "us-east-1");
        AwsCli.Result created = aws.run("kms", "create-key", "--description", "cli key");
        assertEquals(0, created.exitCode(), created.stderr());
        String keyId = JSON.readTree(created.stdout()).get("KeyMetadata").get("KeyId").asText();
        AwsCli.Result alias = aws.run("kms", "create-alias", "--alias-name", "alias/cli-key", "--target-key-id", keyId);
        assertEquals(0, alias.exitCode(), alias.stderr());

        Path plain = dir.resolve("plain.txt");
        Files.writeString(plain, "top secret");
        AwsCli.Result encrypted = aws.run("kms", "encrypt", "--key-id", "alias/cli-key", "--plaintext",
                "fileb://" + plain, "--encryption-context", "app=cli");
        assertEquals(0, encrypted.exitCode(), encrypted.stderr());
        Path blob = dir.resolve("blob.bin");
        Files.write(blob, Base64.getDecoder().decode(JSON.readTree(encrypted.stdout()).get("CiphertextBlob").asText()));
        AwsCli.Result decrypted = aws.run("kms", "decrypt", "--ciphertext-blob", "fileb://" + blob,
                "--encryption-context", "app=cli");
        assertEquals(0, decrypted.exitCode(), decrypted.stderr());
        JsonNode d = JSON.readTree(decrypted.stdout());
        assertEquals("top secret", new String(Base64.getDecoder().decode(d.get("Plaintext").asText()), StandardCharsets.UTF_8));
        assertTrue(d.get("KeyId").asText().endsWith(keyId));
        AwsCli.Result wrongContext = aws.run("kms", "decrypt", "--ciphertext-blob", "fileb://" + blob);
        assertTrue(wrongContext.exitCode() != 0);
        assertTrue(wrongContext.stderr().contains("InvalidCiphertextException"), wrongContext.stderr());

        AwsCli.Result signing = aws.run("kms", "create-key", "--key-spec", "ECC_NIST_P256", "--key-usage", "SIGN_VERIFY");
        assertEquals(0, signing.exitCode(), signing.stderr());
        String signingKey = JSON.readTree(signing.stdout()).get("KeyMetadata").get("KeyId").asText();
        AwsCli.Result signed = aws.run("kms", "sign", "--key-id", signingKey, "--message", "fileb://" + plain,
                "--signing-algorithm", "ECDSA_SHA_256");
        assertEquals(0, signed.exitCode(), signed.stderr());
        Path signature = dir.resolve("sig.bin");
        Files.write(signature, Base64.getDecoder().decode(JSON.readTree(signed.stdout()).get("Signature").asText()));
        AwsCli.Result verified = aws.run("kms", "verify", "--key-id", signingKey, "--message", "fileb://" + plain,
                "--signature", "fileb://" + signature, "--signing-algorithm", "ECDSA_SHA_256");
        assertEquals(0, verified.exitCode(), verified.stderr());
        assertTrue(JSON.readTree(verified.stdout()).get("SignatureValid").asBoolean());
    }
}
