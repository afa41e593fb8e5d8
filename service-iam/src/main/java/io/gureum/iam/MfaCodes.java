package io.gureum.iam;

import java.time.Instant;

/**
 * Checks one-time codes against a virtual MFA device. EnableMFADevice and ResyncMFADevice take two consecutive codes
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_virtual.html); STS takes one for the
 * current step, allowing one step either side for clocks that differ a little. Callers hold the account's lock.
 */
final class MfaCodes {
    /** Steps around now in which EnableMFADevice looks for the pair (the user reads two codes, 30 seconds apart). */
    private static final int ENABLE_WINDOW = 4;
    /** ResyncMFADevice looks further: its purpose is a device whose clock has drifted. */
    private static final int RESYNC_WINDOW = 20;

    private MfaCodes() {
    }

    /** Whether code1 and code2 are two consecutive codes near now; if so, records the device's drift. */
    static boolean consecutive(MfaDevice device, String code1, String code2, Instant now, boolean resync) {
        long current = Totp.step(now);
        int window = resync ? RESYNC_WINDOW : ENABLE_WINDOW;
        for (long s = current - window; s <= current + window; s++) {
            if (Totp.code(device.secret, s).equals(code1) && Totp.code(device.secret, s + 1).equals(code2)) {
                // The second code is the device's current one.
                device.drift = s + 1 - current;
                device.lastUsedStep = s + 1;
                return true;
            }
        }
        return false;
    }

    /** Whether a single code is the device's current one (one step either side) and was not used before. */
    static boolean current(MfaDevice device, String code, Instant now) {
        long current = Totp.step(now) + device.drift;
        for (long s = current - 1; s <= current + 1; s++) {
            if (s > device.lastUsedStep && Totp.code(device.secret, s).equals(code)) {
                device.lastUsedStep = s;
                return true;
            }
        }
        return false;
    }
}
