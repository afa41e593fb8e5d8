package io.gureum.iam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AssignmentStatusType;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** Virtual MFA devices: seeds, enabling with two TOTP codes, STS's check of the codes, listing and tags. */
class MfaDevicesIT extends StsTestSupport {

    private static void fails(String code, int status, String message, Executable call) {
        AwsServiceException e = assertThrows(AwsServiceException.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(status, e.statusCode());
        if (message != null) {
            assertEquals(message, e.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void aDeviceHasARandomBase32SeedAndAPngAndIsEnabledWithTwoConsecutiveCodes() {
        IamClient iam = iam(A);
        String user = unique("mfa-user");
        iam.createUser(b -> b.userName(user));
        VirtualMFADevice d = iam.createVirtualMFADevice(b -> b.virtualMFADeviceName(user).path("/team/")
                .tags(Tag.builder().key("k").value("v").build())).virtualMFADevice();
        assertEquals("arn:aws:iam::" + A + ":mfa/team/" + user, d.serialNumber());
        String seed = d.base32StringSeed().asUtf8String();
        assertTrue(seed.matches("[A-Z2-7]{64}"), seed);
        byte[] png = d.qrCodePNG().asByteArray();
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        assertEquals(List.of(Tag.builder().key("k").value("v").build()), d.tags());
        fails("EntityAlreadyExists", 409, "MFADevice entity at the same path and name already exists.",
                () -> iam.createVirtualMFADevice(b -> b.virtualMFADeviceName(user).path("/team/")));
        assertEquals(List.of(d.serialNumber()), serials(iam, AssignmentStatusType.UNASSIGNED, user));

        byte[] secret = Totp.fromBase32(seed);
        long step = Totp.step(gureum.context().clock().now());
        // Two codes that are not consecutive, or not the device's, are refused.
        fails("InvalidAuthenticationCode", 403, "Authentication code for device is not valid.",
                () -> iam.enableMFADevice(b -> b.userName(user).serialNumber(d.serialNumber())
                        .authenticationCode1(Totp.code(secret, step)).authenticationCode2(Totp.code(secret, step))));
        fails("InvalidAuthenticationCode", 403, null, () -> iam.enableMFADevice(b -> b.userName(user)
                .serialNumber(d.serialNumber()).authenticationCode1("000000").authenticationCode2("111111")));
        iam.enableMFADevice(b -> b.userName(user).serialNumber(d.serialNumber())
                .authenticationCode1(Totp.code(secret, step - 1)).authenticationCode2(Totp.code(secret, step)));

        List<MFADevice> listed = iam.listMFADevices(b -> b.userName(user)).mfaDevices();
        assertEquals(1, listed.size());
        assertEquals(d.serialNumber(), listed.get(0).serialNumber());
        assertEquals(user, listed.get(0).userName());
        assertEquals(List.of(d.serialNumber()), serials(iam, AssignmentStatusType.ASSIGNED, user));
        assertEquals(List.of(), serials(iam, AssignmentStatusType.UNASSIGNED, user));
        VirtualMFADevice assigned = iam.listVirtualMFADevices(b -> b.assignmentStatus(AssignmentStatusType.ASSIGNED))
                .virtualMFADevices().stream().filter(v -> v.serialNumber().equals(d.serialNumber())).findFirst()
                .orElseThrow();
        assertEquals(user, assigned.user().userName());
        assertNull(assigned.base32StringSeed());
        assertEquals(user, iam.getMFADevice(b -> b.serialNumber(d.serialNumber())).userName());

        fails("DeleteConflict", 409, null, () -> iam.deleteVirtualMFADevice(b -> b.serialNumber(d.serialNumber())));
        fails("DeleteConflict", 409, "Cannot delete entity, must delete MFA device first.",
                () -> iam.deleteUser(b -> b.userName(user)));
        iam.deactivateMFADevice(b -> b.userName(user).serialNumber(d.serialNumber()));
        assertEquals(List.of(), iam.listMFADevices(b -> b.userName(user)).mfaDevices());
        fails("NoSuchEntity", 404, null, () -> iam.getMFADevice(b -> b.serialNumber(d.serialNumber())));
        iam.deleteVirtualMFADevice(b -> b.serialNumber(d.serialNumber()));
        fails("NoSuchEntity", 404, "MFA Device with serial number " + d.serialNumber() + " does not exist.",
                () -> iam.deleteVirtualMFADevice(b -> b.serialNumber(d.serialNumber())));
        iam.deleteUser(b -> b.userName(user));
    }

    @Test
    void tagsAndResync() {
        IamClient iam = iam(A);
        String user = unique("resync");
        iam.createUser(b -> b.userName(user));
        String serial = virtualMfa(iam, user);
        iam.tagMFADevice(b -> b.serialNumber(serial).tags(Tag.builder().key("a").value("1").build()));
        assertEquals(List.of(Tag.builder().key("a").value("1").build()),
                iam.listMFADeviceTags(b -> b.serialNumber(serial)).tags());
        iam.untagMFADevice(b -> b.serialNumber(serial).tagKeys("a"));
        assertEquals(List.of(), iam.listMFADeviceTags(b -> b.serialNumber(serial)).tags());
        fails("InvalidAuthenticationCode", 403, null, () -> iam.resyncMFADevice(b -> b.userName(user)
                .serialNumber(serial).authenticationCode1("123456").authenticationCode2("654321")));
        String c1 = mfaCode(serial);
        String c2 = mfaCode(serial);
        iam.resyncMFADevice(b -> b.userName(user).serialNumber(serial).authenticationCode1(c1).authenticationCode2(c2));
        fails("NoSuchEntity", 404, null, () -> iam.listMFADeviceTags(b -> b.serialNumber("arn:aws:iam::" + A
                + ":mfa/nothing")));
    }

    @Test
    void getSessionTokenChecksTheCodeAndMakesAnMfaSession() {
        IamClient iam = iam(A);
        String user = unique("sess");
        iam.createUser(b -> b.userName(user));
        var key = iam.createAccessKey(b -> b.userName(user)).accessKey();
        StsClient sts = sts(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
        String serial = virtualMfa(iam, user);
        fails("AccessDenied", 403, "MultiFactorAuthentication failed with invalid MFA one time pass code.",
                () -> sts.getSessionToken(b -> b.serialNumber(serial).tokenCode(
                        Totp.code(new byte[20], 1))));
        fails("AccessDenied", 403, "MultiFactorAuthentication failed, unable to validate MFA code.  Please verify "
                + "your MFA serial number is valid and associated with this user.",
                () -> sts.getSessionToken(b -> b.serialNumber("arn:aws:iam::" + A + ":mfa/other").tokenCode("123456")));
        String code = mfaCode(serial);
        Credentials c = sts.getSessionToken(b -> b.serialNumber(serial).tokenCode(code)).credentials();
        // IAM takes only MFA-authenticated session tokens.
        assertEquals(user, iam(c).getUser().user().userName());
        // Own devices, without a user name.
        IamClient self = iam(c);
        assertEquals(List.of(serial), self.listMFADevices().mfaDevices().stream().map(MFADevice::serialNumber).toList());
    }

    private static List<String> serials(IamClient iam, AssignmentStatusType status, String name) {
        return iam.listVirtualMFADevices(b -> b.assignmentStatus(status)).virtualMFADevices().stream()
                .map(VirtualMFADevice::serialNumber).filter(s -> s.endsWith("/" + name)).toList();
    }
}
