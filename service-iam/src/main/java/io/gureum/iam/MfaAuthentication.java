package io.gureum.iam;

import java.time.Instant;

/**
 * STS's check of {@code SerialNumber} and {@code TokenCode} (GetSessionToken, AssumeRole): the serial number must
 * be a virtual MFA device enabled for the calling IAM user, and the code its current one, not used before. AWS's
 * wording is that of the AccessDenied answers clients report (e.g. aws/aws-cli#6325, aws/aws-cli#2279).
 */
final class MfaAuthentication {
    private MfaAuthentication() {
    }

    static void verify(StsState sts, StsIdentity caller, String serialNumber, String tokenCode, Instant now) {
        IamStore.Account account = sts.iam.get().account(caller.account());
        synchronized (account) {
            User user = caller.userName() == null ? null : account.users.get(IamStore.key(caller.userName()));
            MfaDevice device = account.mfaDevices.get(serialNumber);
            if (user == null || device == null || device.user != user) {
                throw StsErrors.accessDenied("MultiFactorAuthentication failed, unable to validate MFA code.  "
                        + "Please verify your MFA serial number is valid and associated with this user.");
            }
            if (!MfaCodes.current(device, tokenCode, now)) {
                throw StsErrors.accessDenied("MultiFactorAuthentication failed with invalid MFA one time pass code.");
            }
        }
    }
}
