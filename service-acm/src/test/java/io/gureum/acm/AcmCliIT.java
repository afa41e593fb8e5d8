package io.gureum.acm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.testing.AwsCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The course's HTTPS set-up as a user types it with the real {@code aws} CLI: import a certificate and its key from
 * PEM files ({@code fileb://}), find and describe it, request a DNS-validated one and read its CNAME record, delete
 * both.
 */
@org.junit.jupiter.api.Tag("slow") // the slow tier: skipped by mvn verify -Dfast
class AcmCliIT extends AcmTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static JsonNode ok(AwsCli.Result r) throws Exception {
        assertEquals(0, r.exitCode(), r.stderr());
        return r.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.stdout());
    }

    @Test
    void importAndRequestWithTheCli() throws Exception {
        AwsCli aws = new AwsCli(gureum.endpoint(), "test", "us-east-1");
        KeyPair k = TestCerts.rsa(2048);
        Path cert = Files.writeString(dir.resolve("cert.pem"), TestCerts.cert("cli.example.com", now())
                .sans("cli.example.com").selfSigned(k));
        Path key = Files.writeString(dir.resolve("key.pem"), TestCerts.pkcs1(k));
        String arn = ok(aws.run("acm", "import-certificate", "--certificate", "fileb://" + cert, "--private-key",
                "fileb://" + key, "--tags", "Key=course,Value=https")).get("CertificateArn").asText();
        JsonNode listed = ok(aws.run("acm", "list-certificates", "--certificate-statuses", "ISSUED"));
        assertTrue(listed.toString().contains(arn), listed.toString());
        JsonNode d = ok(aws.run("acm", "describe-certificate", "--certificate-arn", arn)).get("Certificate");
        assertEquals("cli.example.com", d.get("DomainName").asText());
        assertEquals("RSA_2048", d.get("KeyAlgorithm").asText());
        assertEquals("IMPORTED", d.get("Type").asText());

        String requested = ok(aws.run("acm", "request-certificate", "--domain-name", "www.cli.example.com",
                "--validation-method", "DNS")).get("CertificateArn").asText();
        JsonNode record = ok(aws.run("acm", "describe-certificate", "--certificate-arn", requested,
                "--query", "Certificate.DomainValidationOptions[0].ResourceRecord"));
        assertEquals("CNAME", record.get("Type").asText());
        assertTrue(record.get("Name").asText().endsWith(".www.cli.example.com."), record.toString());

        ok(aws.run("acm", "delete-certificate", "--certificate-arn", arn));
        ok(aws.run("acm", "delete-certificate", "--certificate-arn", requested));
        AwsCli.Result gone = aws.run("acm", "describe-certificate", "--certificate-arn", arn);
        assertTrue(gone.stderr().contains("ResourceNotFoundException"), gone.stderr());
    }
}
