package io.gureum.core.ids;

import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Generates IDs in AWS's formats. Inject a seeded {@link java.util.Random} for deterministic tests;
 * the no-arg constructor uses {@link ThreadLocalRandom}.
 */
public final class ResourceIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    // Access key IDs use the base32 alphabet (A-Z, 2-7).
    private static final char[] KEY_ID = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final char[] SECRET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private final Supplier<RandomGenerator> random;

    public ResourceIds() {
        this.random = ThreadLocalRandom::current;
    }

    /** Uses {@code random} for every ID; a {@link java.util.Random} is safe to share across threads. */
    public ResourceIds(RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        this.random = () -> random;
    }

    /**
     * {@code prefix-} followed by 17 lowercase hex digits, e.g. {@code vpc-0a1b2c3d4e5f67890}. (EC2
     * switched from 8 to 17 hex digits in 2016-2018; every resource type now uses the long form.)
     */
    public String next(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("prefix must not be empty");
        }
        return prefix + "-" + hex(17);
    }

    /** {@code n} random lowercase hex digits. */
    public String hex(int n) {
        return chars(HEX, n);
    }

    /** A random (version 4) UUID, the format of AWS request IDs. */
    public String requestId() {
        RandomGenerator r = random.get();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long lsb = (r.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48); // IETF variant
        return new UUID(msb, lsb).toString();
    }

    /** A long-term access key ID: {@code AKIA} + 16 characters. */
    public String accessKeyId() {
        return "AKIA" + chars(KEY_ID, 16);
    }

    /** A temporary (STS) access key ID: {@code ASIA} + 16 characters. */
    public String temporaryAccessKeyId() {
        return "ASIA" + chars(KEY_ID, 16);
    }

    /** 40 characters of the base64 alphabet, like an AWS secret access key. */
    public String secretAccessKey() {
        return chars(SECRET, 40);
    }

    private String chars(char[] alphabet, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("length must not be negative: " + n);
        }
        RandomGenerator r = random.get();
        char[] out = new char[n];
        for (int i = 0; i < n; i++) {
            out[i] = alphabet[r.nextInt(alphabet.length)];
        }
        return new String(out);
    }
}
