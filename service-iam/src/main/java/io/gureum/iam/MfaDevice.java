package io.gureum.iam;

import java.time.Instant;

/** A virtual MFA device: its seed, and the user it is enabled for (or none). Guarded by its account's lock. */
final class MfaDevice {
    final String serial;
    final String name;
    final String path;
    /** The Base32 text of the seed, as CreateVirtualMFADevice answers it. */
    final String base32Seed;
    final byte[] secret;
    final Instant created;
    User user;
    Instant enabled;
    /** Steps the device's clock runs ahead of the core clock (ResyncMFADevice). */
    long drift;
    /** The last step whose code signed in, so that a code is not accepted twice. */
    long lastUsedStep = Long.MIN_VALUE;
    final io.gureum.core.state.RegisteredTags tags = new io.gureum.core.state.RegisteredTags();

    MfaDevice(String serial, String name, String path, String base32Seed, Instant created) {
        this.serial = serial;
        this.name = name;
        this.path = path;
        this.base32Seed = base32Seed;
        this.secret = Totp.fromBase32(base32Seed);
        this.created = created;
    }
}
