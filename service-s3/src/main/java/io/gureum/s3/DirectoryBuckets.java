package io.gureum.s3;

import io.gureum.core.auth.Accounts;
import io.gureum.core.spi.ServiceContext;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.model.CreateBucketConfiguration;

/**
 * Directory buckets (S3 Express One Zone): their names ({@code base--<zone-id>--x-s3}, the zone the
 * configuration's {@code Location} names) and the session credentials of {@code CreateSession}, valid for
 * five minutes on Gureum's clock and known to core's account resolution for as long
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/directory-bucket-naming-rules.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateSession.html).
 */
final class DirectoryBuckets implements AutoCloseable {
    private static final Pattern NAME = Pattern.compile("([a-z0-9][a-z0-9-]*)--([a-z0-9]+-(?:az\\d+|[a-z0-9-]+))--x-s3");
    private static final Duration SESSION = Duration.ofMinutes(5);
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private final ServiceContext context;
    private final Map<String, Accounts.AccessKey> sessions = new ConcurrentHashMap<>();
    private final Map<String, Instant> expirations = new ConcurrentHashMap<>();
    private final Accounts.AccessKeyResolver resolver = this::resolve;
    private final SecureRandom random = new SecureRandom();

    DirectoryBuckets(ServiceContext context) {
        this.context = context;
        context.accounts().addResolver(resolver);
    }

    static boolean isDirectory(String bucket) {
        return bucket != null && bucket.endsWith("--x-s3");
    }

    /** A directory bucket's name and configuration as CreateBucket requires them. */
    static void checkCreate(String name, CreateBucketConfiguration c) {
        Matcher m = NAME.matcher(name);
        if (name.length() < 3 || name.length() > 63 || !m.matches() || name.contains("..")) {
            throw S3Errors.invalidBucketName();
        }
        if (c == null || c.bucket() == null || c.location() == null || !"Directory".equals(c.bucket().typeAsString())) {
            throw S3Errors.invalidRequest("A directory bucket requires a CreateBucketConfiguration with a Location "
                    + "and a Bucket of Type Directory");
        }
        if (!m.group(2).equals(c.location().name())) {
            throw S3Errors.invalidBucketName();
        }
    }

    /** Session credentials and their token (sent back in {@code x-amz-s3session-token}, not as an STS token). */
    record Session(Accounts.AccessKey key, String token, Instant expiration) {
    }

    /** New session credentials for the caller (a CreateSession answer). */
    Session newSession(String account, String principalArn) {
        Accounts.AccessKey key = new Accounts.AccessKey("ASIA" + random(16), random(40), account, principalArn);
        Instant expiration = context.clock().now().plus(SESSION);
        sessions.put(key.accessKeyId(), key);
        expirations.put(key.accessKeyId(), expiration);
        return new Session(key, random(64), expiration);
    }

    private Optional<Accounts.AccessKey> resolve(String accessKeyId) {
        Accounts.AccessKey key = sessions.get(accessKeyId);
        if (key == null) {
            return Optional.empty();
        }
        if (context.clock().now().isAfter(expirations.get(accessKeyId))) {
            sessions.remove(accessKeyId);
            expirations.remove(accessKeyId);
            return Optional.empty();
        }
        return Optional.of(key);
    }

    private String random(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    static RuntimeException onlyDirectory(String operation) {
        return S3Errors.invalidRequest(operation + " is only supported for directory buckets.");
    }

    Instant now() {
        return context.clock().now();
    }

    @Override
    public void close() {
        context.accounts().removeResolver(resolver);
    }
}
