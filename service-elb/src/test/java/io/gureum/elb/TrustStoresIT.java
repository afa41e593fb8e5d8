package io.gureum.elb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import io.gureum.junit5.GureumExtension;
import io.gureum.s3.S3Service;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CaCertificatesBundleNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DuplicateTrustStoreNameException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.InvalidCaCertificatesBundleException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.InvalidRevocationContentException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RevocationContent;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RevocationContentNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RevocationIdNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TooManyTrustStoresException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TrustStore;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TrustStoreNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TrustStoreRevocation;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Trust stores: CA bundles and revocation lists read from S3 (uploaded by the test through S3's SDK client) and
 * parsed, the CREATING → ACTIVE status on the core clock, the downloads the Get… operations hand out, tags and
 * limits (listeners in verify mode: ListenersIT). The files are fixed test CAs and CRLs (truststore/).
 */
class TrustStoresIT {
    /** ELB and S3 alone: no EC2 to start, as no load balancer is made here. */
    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder().services(new ElbV2Service(), new S3Service()).build();
    private static ElasticLoadBalancingV2Client elb;
    private static final String BUCKET = TrustStoreFixtures.BUCKET;
    private static S3Client s3;
    private static String alpha;
    private static String beta;

    @BeforeAll
    static void files() {
        elb = AwsClients.client(ElasticLoadBalancingV2Client.builder(), aws.gureum());
        s3 = aws.client(S3Client.class);
        TrustStoreFixtures.upload(s3);
        alpha = text("alpha.pem");
        beta = text("beta.pem");
        put("garbage.pem", "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
        put("empty.pem", "no certificates here\n");
        put("many.pem", (alpha + beta).repeat(13)); // 26 certificates
    }

    private static String unique(String prefix) {
        return ElbTestSupport.unique(prefix);
    }

    private static void advance(Duration d) {
        aws.gureum().context().clock().advance(d);
    }

    private static <E extends AwsServiceException> E fails(Class<E> type, String code, Executable call) {
        return ElbTestSupport.fails(type, code, call);
    }

    private static String text(String name) {
        return TrustStoreFixtures.text(name);
    }

    private static void put(String key, String body) {
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(body));
    }

    private static TrustStore create(String name, String key) {
        return TrustStoreFixtures.create(elb, name, key);
    }

    private static TrustStore describe(String arn) {
        return elb.describeTrustStores(b -> b.trustStoreArns(arn)).trustStores().get(0);
    }

    private static HttpResponse<byte[]> download(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static RevocationContent crl(String key) {
        return TrustStoreFixtures.crl(key);
    }

    @Test
    void createDescribeModifyDownloadAndDelete() {
        String name = unique("ts");
        TrustStore created = elb.createTrustStore(b -> b.name(name).caCertificatesBundleS3Bucket(BUCKET)
                .caCertificatesBundleS3Key("both.pem").tags(t -> t.key("team").value("edge"))).trustStores().get(0);
        assertEquals("CREATING", created.statusAsString());
        assertEquals(2, created.numberOfCaCertificates());
        assertEquals(0L, created.totalRevokedEntries());
        String arn = created.trustStoreArn();
        assertTrue(arn.matches("arn:aws:elasticloadbalancing:us-east-1:\\d{12}:truststore/" + name + "/[0-9a-f]{16}"),
                arn);
        advance(TrustStores.CREATING);
        assertEquals("ACTIVE", describe(arn).statusAsString());
        assertEquals(arn, elb.describeTrustStores(b -> b.names(name)).trustStores().get(0).trustStoreArn());

        fails(DuplicateTrustStoreNameException.class, "DuplicateTrustStoreName", () -> create(name, "alpha.pem"));
        fails(ElasticLoadBalancingV2Exception.class, "ValidationError", () -> create("-bad-name", "alpha.pem"));
        fails(ElasticLoadBalancingV2Exception.class, "ValidationError", () -> create("x".repeat(33), "alpha.pem"));
        fails(CaCertificatesBundleNotFoundException.class, "CaCertificatesBundleNotFound",
                () -> create(unique("ts"), "missing.pem"));
        fails(InvalidCaCertificatesBundleException.class, "InvalidCaCertificatesBundle",
                () -> create(unique("ts"), "garbage.pem"));
        fails(InvalidCaCertificatesBundleException.class, "InvalidCaCertificatesBundle",
                () -> create(unique("ts"), "empty.pem"));
        fails(InvalidCaCertificatesBundleException.class, "InvalidCaCertificatesBundle",
                () -> create(unique("ts"), "many.pem"));
        fails(TrustStoreNotFoundException.class, "TrustStoreNotFound",
                () -> elb.describeTrustStores(b -> b.names("no-such-store")));
        fails(TrustStoreNotFoundException.class, "TrustStoreNotFound", () -> elb.describeTrustStores(b -> b
                .trustStoreArns(arn.substring(0, arn.length() - 4) + "0000")));

        // Tags, through the operations every ELB resource shares.
        elb.addTags(b -> b.resourceArns(arn).tags(t -> t.key("env").value("dev")));
        assertEquals(Map.of("team", "edge", "env", "dev"), elb.describeTags(b -> b.resourceArns(arn))
                .tagDescriptions().get(0).tags().stream().collect(Collectors.toMap(t -> t.key(), t -> t.value())));
        elb.removeTags(b -> b.resourceArns(arn).tagKeys("team"));
        assertEquals(1, elb.describeTags(b -> b.resourceArns(arn)).tagDescriptions().get(0).tags().size());

        // The bundle as ELB read it, from this server; the S3 object changing afterwards does not change it.
        String url = elb.getTrustStoreCaCertificatesBundle(b -> b.trustStoreArn(arn)).location();
        put("both.pem", alpha);
        HttpResponse<byte[]> bundle = download(url);
        assertEquals(200, bundle.statusCode());
        assertEquals(alpha + beta, new String(bundle.body(), java.nio.charset.StandardCharsets.US_ASCII));
        put("both.pem", alpha + beta);

        // ModifyTrustStore replaces the bundle; an object version picks an older one.
        s3.putBucketVersioning(b -> b.bucket(BUCKET).versioningConfiguration(v -> v.status("Enabled")));
        String v1 = s3.putObject(b -> b.bucket(BUCKET).key("versioned.pem"), RequestBody.fromString(alpha))
                .versionId();
        s3.putObject(b -> b.bucket(BUCKET).key("versioned.pem"), RequestBody.fromString(alpha + beta));
        TrustStore modified = elb.modifyTrustStore(b -> b.trustStoreArn(arn).caCertificatesBundleS3Bucket(BUCKET)
                .caCertificatesBundleS3Key("versioned.pem").caCertificatesBundleS3ObjectVersion(v1)).trustStores()
                .get(0);
        assertEquals(1, modified.numberOfCaCertificates());
        assertEquals("ACTIVE", modified.statusAsString());
        assertEquals(2, elb.modifyTrustStore(b -> b.trustStoreArn(arn).caCertificatesBundleS3Bucket(BUCKET)
                .caCertificatesBundleS3Key("versioned.pem")).trustStores().get(0).numberOfCaCertificates());
        fails(InvalidCaCertificatesBundleException.class, "InvalidCaCertificatesBundle", () -> elb.modifyTrustStore(
                b -> b.trustStoreArn(arn).caCertificatesBundleS3Bucket(BUCKET).caCertificatesBundleS3Key("empty.pem")));

        // Ten minutes of the core clock later the URL has expired, as AWS's presigned URL does.
        advance(Duration.ofMinutes(11));
        HttpResponse<byte[]> expired = download(url);
        assertEquals(403, expired.statusCode());
        assertTrue(new String(expired.body()).contains("<Code>AccessDenied</Code>"));

        // Pages of one.
        String other = create(unique("ts"), "alpha.pem").trustStoreArn();
        List<String> seen = new ArrayList<>();
        String marker = null;
        do {
            String m = marker;
            var page = elb.describeTrustStores(b -> b.pageSize(1).marker(m));
            assertTrue(page.trustStores().size() <= 1);
            page.trustStores().forEach(t -> seen.add(t.trustStoreArn()));
            marker = page.nextMarker();
        } while (marker != null);
        assertTrue(seen.containsAll(List.of(arn, other)), seen.toString());

        elb.deleteTrustStore(b -> b.trustStoreArn(other));
        elb.deleteTrustStore(b -> b.trustStoreArn(arn));
        fails(TrustStoreNotFoundException.class, "TrustStoreNotFound", () -> describe(arn));
        fails(TrustStoreNotFoundException.class, "TrustStoreNotFound",
                () -> elb.deleteTrustStore(b -> b.trustStoreArn(arn)));
        assertEquals(404, download(url.replaceAll("Expires=\\d+", "Expires=99999999999")).statusCode());
    }

    @Test
    void revocationListsAreAddedDescribedDownloadedAndRemoved() {
        String arn = create(unique("crl"), "both.pem").trustStoreArn();
        List<TrustStoreRevocation> added = elb.addTrustStoreRevocations(b -> b.trustStoreArn(arn)
                .revocationContents(crl("alpha.crl"), crl("beta.crl"))).trustStoreRevocations();
        assertEquals(List.of(1L, 2L), added.stream().map(TrustStoreRevocation::revocationId).toList());
        assertEquals(List.of(3L, 1L), added.stream().map(TrustStoreRevocation::numberOfRevokedEntries).toList());
        assertEquals("CRL", added.get(0).revocationTypeAsString());
        assertEquals(arn, added.get(0).trustStoreArn());
        assertEquals(4L, describe(arn).totalRevokedEntries());

        var all = elb.describeTrustStoreRevocations(b -> b.trustStoreArn(arn)).trustStoreRevocations();
        assertEquals(2, all.size());
        var one = elb.describeTrustStoreRevocations(b -> b.trustStoreArn(arn).revocationIds(2L))
                .trustStoreRevocations();
        assertEquals(1L, one.get(0).numberOfRevokedEntries());
        var firstPage = elb.describeTrustStoreRevocations(b -> b.trustStoreArn(arn).pageSize(1));
        assertEquals(1, firstPage.trustStoreRevocations().size());
        assertEquals(2L, elb.describeTrustStoreRevocations(b -> b.trustStoreArn(arn).pageSize(1)
                .marker(firstPage.nextMarker())).trustStoreRevocations().get(0).revocationId());
        fails(RevocationIdNotFoundException.class, "RevocationIdNotFound",
                () -> elb.describeTrustStoreRevocations(b -> b.trustStoreArn(arn).revocationIds(9L)));

        String url = elb.getTrustStoreRevocationContent(b -> b.trustStoreArn(arn).revocationId(1L)).location();
        HttpResponse<byte[]> content = download(url);
        assertEquals(200, content.statusCode());
        assertEquals(text("alpha-crl.pem"), new String(content.body(), java.nio.charset.StandardCharsets.US_ASCII));
        fails(RevocationIdNotFoundException.class, "RevocationIdNotFound",
                () -> elb.getTrustStoreRevocationContent(b -> b.trustStoreArn(arn).revocationId(7L)));

        // A CRL in DER is read too; one no CA of the store signed, or no CRL at all, is refused; a missing file too.
        String pem = text("alpha-crl.pem");
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z0-9 ]+-----", "").replaceAll("\\s", ""));
        s3.putObject(b -> b.bucket(BUCKET).key("alpha.der.crl"), RequestBody.fromBytes(der));
        assertEquals(3L, elb.addTrustStoreRevocations(b -> b.trustStoreArn(arn).revocationContents(
                crl("alpha.der.crl"))).trustStoreRevocations().get(0).numberOfRevokedEntries());
        String alphaOnly = create(unique("crl"), "alpha.pem").trustStoreArn();
        fails(InvalidRevocationContentException.class, "InvalidRevocationContent", () -> elb
                .addTrustStoreRevocations(b -> b.trustStoreArn(alphaOnly).revocationContents(crl("beta.crl"))));
        fails(InvalidRevocationContentException.class, "InvalidRevocationContent", () -> elb
                .addTrustStoreRevocations(b -> b.trustStoreArn(alphaOnly).revocationContents(crl("alpha.pem"))));
        fails(RevocationContentNotFoundException.class, "RevocationContentNotFound", () -> elb
                .addTrustStoreRevocations(b -> b.trustStoreArn(alphaOnly).revocationContents(crl("none.crl"))));
        assertEquals(0L, describe(alphaOnly).totalRevokedEntries());

        elb.removeTrustStoreRevocations(b -> b.trustStoreArn(arn).revocationIds(1L));
        assertEquals(4L, describe(arn).totalRevokedEntries());
        assertEquals(List.of(2L, 3L), elb.describeTrustStoreRevocations(b -> b.trustStoreArn(arn))
                .trustStoreRevocations().stream().map(r -> r.revocationId()).toList());
        fails(RevocationIdNotFoundException.class, "RevocationIdNotFound",
                () -> elb.removeTrustStoreRevocations(b -> b.trustStoreArn(arn).revocationIds(1L)));
        assertEquals(404, download(url).statusCode(), "the removed file is gone");
        elb.deleteTrustStore(b -> b.trustStoreArn(arn));
        elb.deleteTrustStore(b -> b.trustStoreArn(alphaOnly));
    }

    @Test
    void twentyTrustStoresPerRegion() {
        List<String> mine = new ArrayList<>();
        int existing = elb.describeTrustStores(b -> b.pageSize(400)).trustStores().size();
        for (int i = existing; i < TrustStores.MAX_TRUST_STORES; i++) {
            mine.add(create(unique("many"), "alpha.pem").trustStoreArn());
        }
        fails(TooManyTrustStoresException.class, "TooManyTrustStores", () -> create(unique("many"), "alpha.pem"));
        mine.forEach(arn -> elb.deleteTrustStore(b -> b.trustStoreArn(arn)));
    }
}
