package io.gureum.elb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RevocationContent;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TrustStore;
import software.amazon.awssdk.services.s3.S3Client;

/** The fixed test CAs and CRLs (resources truststore/) in an S3 bucket, for trust stores to read. */
final class TrustStoreFixtures {
    static final String BUCKET = "trust-store-files";

    private TrustStoreFixtures() {
    }

    static String text(String name) {
        try (InputStream in = TrustStoreFixtures.class.getResourceAsStream("truststore/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Uploads {@code both.pem} (alpha and beta), {@code alpha.pem}, {@code alpha.crl} and {@code beta.crl}. */
    static void upload(S3Client s3) {
        if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(BUCKET))) {
            s3.createBucket(b -> b.bucket(BUCKET));
        }
        put(s3, "both.pem", text("alpha.pem") + text("beta.pem"));
        put(s3, "alpha.pem", text("alpha.pem"));
        put(s3, "alpha.crl", text("alpha-crl.pem"));
        put(s3, "beta.crl", text("beta-crl.pem"));
    }

    private static void put(S3Client s3, String key, String body) {
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(body));
    }

    static TrustStore create(ElasticLoadBalancingV2Client elb, String name, String key) {
        return elb.createTrustStore(b -> b.name(name).caCertificatesBundleS3Bucket(BUCKET)
                .caCertificatesBundleS3Key(key)).trustStores().get(0);
    }

    static RevocationContent crl(String key) {
        return RevocationContent.builder().s3Bucket(BUCKET).s3Key(key).revocationType("CRL").build();
    }
}
