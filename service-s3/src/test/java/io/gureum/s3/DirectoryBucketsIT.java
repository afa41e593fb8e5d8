package io.gureum.s3;

import static io.gureum.s3.BucketConfigIT.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.SessionCredentials;

/**
 * Directory buckets: creation rules, CreateSession credentials, ListDirectoryBuckets, RenameObject. The SDK
 * would call CreateSession itself before each zonal request; these tests call it explicitly
 * ({@code disableS3ExpressSessionAuth}), since with an endpoint override the SDK also asks for a session
 * before CreateBucket.
 */
class DirectoryBucketsIT extends S3Fixture {

    static S3Client direct() {
        return AwsClients.client(S3Client.builder().forcePathStyle(true).disableS3ExpressSessionAuth(true),
                gureum.endpoint(), "test", "us-east-1");
    }

    static String create(S3Client client, String base) {
        String name = base + "--use1-az4--x-s3";
        client.createBucket(b -> b.bucket(name).createBucketConfiguration(c -> c.location(l -> l.type("AvailabilityZone")
                .name("use1-az4")).bucket(x -> x.type("Directory").dataRedundancy("SingleAvailabilityZone"))));
        return name;
    }

    @Test
    void directoryBucketsAreCreatedListedAndRenameObjects() {
        try (S3Client s3x = direct()) {
            String name = create(s3x, "dir-" + System.nanoTime());
            assertError("InvalidBucketName", 400, () -> s3x.createBucket(b -> b.bucket("bad--use1-az4--x-s3")
                    .createBucketConfiguration(c -> c.location(l -> l.type("AvailabilityZone").name("use1-az5"))
                            .bucket(x -> x.type("Directory")))));
            assertTrue(s3x.listDirectoryBuckets(b -> b.maxDirectoryBuckets(100)).buckets().stream()
                    .anyMatch(x -> x.name().equals(name)));
            assertTrue(s3x.listBuckets().buckets().stream().noneMatch(x -> x.name().equals(name)));

            s3x.putObject(b -> b.bucket(name).key("a.txt"), RequestBody.fromString("zonal"));
            s3x.renameObject(b -> b.bucket(name).key("b.txt").renameSource(name + "/a.txt"));
            assertEquals("zonal", s3x.getObjectAsBytes(b -> b.bucket(name).key("b.txt")).asUtf8String());
            assertThrows(NoSuchKeyException.class, () -> s3x.headObject(b -> b.bucket(name).key("a.txt")));
            s3x.putObject(b -> b.bucket(name).key("c.txt"), RequestBody.fromString("other"));
            assertError("PreconditionFailed", 412, () -> s3x.renameObject(b -> b.bucket(name).key("b.txt")
                    .renameSource(name + "/c.txt").destinationIfNoneMatch("*")));

            String general = newBucket();
            s3.putObject(b -> b.bucket(general).key("a"), RequestBody.fromString("x"));
            assertError("InvalidRequest", 400, () -> s3.renameObject(b -> b.bucket(general).key("b")
                    .renameSource(general + "/a")));
            assertError("InvalidRequest", 400, () -> s3.createSession(b -> b.bucket(general)));
        }
    }

    @Test
    void sessionCredentialsWorkForFiveMinutesOfTheClock() {
        try (S3Client s3x = direct()) {
            String name = create(s3x, "ses-" + System.nanoTime());
            SessionCredentials creds = s3x.createSession(b -> b.bucket(name)).credentials();
            assertTrue(creds.accessKeyId().startsWith("ASIA"));
            assertEquals(gureum.context().clock().now().plus(Duration.ofMinutes(5)).getEpochSecond(),
                    creds.expiration().getEpochSecond(), 2);
            // the session's key resolves to the caller's account while it lasts
            assertTrue(gureum.context().accounts().lookup(creds.accessKeyId()).isPresent());
            try (S3Client session = S3Client.builder().forcePathStyle(true).disableS3ExpressSessionAuth(true)
                    .endpointOverride(gureum.endpoint()).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                    .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                            creds.accessKeyId(), creds.secretAccessKey(), creds.sessionToken()))).build()) {
                session.putObject(b -> b.bucket(name).key("s"), RequestBody.fromString("by session"));
            }
            assertEquals("by session", s3x.getObjectAsBytes(b -> b.bucket(name).key("s")).asUtf8String());
            gureum.context().clock().advance(Duration.ofMinutes(6));
            assertTrue(gureum.context().accounts().lookup(creds.accessKeyId()).isEmpty());
        }
    }
}
