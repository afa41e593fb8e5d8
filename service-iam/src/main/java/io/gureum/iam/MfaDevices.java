package io.gureum.iam;

import io.gureum.core.spi.ServiceContext;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.model.*;

/**
 * Virtual MFA devices (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_virtual.html):
 * a random seed, enabled for a user with two consecutive codes, then checked by STS (GetSessionToken, AssumeRole).
 * Hardware and FIDO devices cannot be made through the API, so every device here is virtual.
 */
final class MfaDevices extends Family {
    /** MFA devices per user (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html). */
    static final int MAX_PER_USER = 8;
    /** AWS's seeds are 64 Base32 characters: 40 random bytes. */
    private static final int SEED_BYTES = 40;

    MfaDevices(ServiceContext context, IamStore store) {
        super(context, store);
    }

    public CreateVirtualMfaDeviceResponse createVirtualMFADevice(CreateVirtualMfaDeviceRequest r) {
        Tags.checkDuplicates(r.tags());
        IamStore.Account account = account();
        synchronized (account) {
            String path = pathOrRoot(r.path());
            String serial = arn(account.id, "mfa", path, r.virtualMFADeviceName());
            if (account.mfaDevices.containsKey(serial)) {
                throw IamErrors.alreadyExists("MFADevice entity at the same path and name already exists.");
            }
            byte[] seed = java.util.HexFormat.of().parseHex(context.ids().hex(SEED_BYTES * 2));
            MfaDevice device = new MfaDevice(serial, r.virtualMFADeviceName(), path, Totp.base32(seed), now());
            Tags.apply(device.tags, r.tags());
            account.mfaDevices.put(serial, device);
            device.tags.attach(context.registry(), account.id, "", "iam", serial, io.gureum.core.ids.Arn.parse(serial));
            String uri = MfaPng.uri(device.name, account.id, device.base32Seed);
            return CreateVirtualMfaDeviceResponse.builder().virtualMFADevice(VirtualMFADevice.builder()
                    .serialNumber(serial).base32StringSeed(SdkBytes.fromUtf8String(device.base32Seed))
                    .qrCodePNG(SdkBytes.fromByteArray(MfaPng.of(uri)))
                    .tags(device.tags.isEmpty() ? null : Tags.toSdk(device.tags)).build()).build();
        }
    }

    public EnableMfaDeviceResponse enableMFADevice(EnableMfaDeviceRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            User user = Users.require(account, r.userName());
            MfaDevice device = require(account, r.serialNumber());
            if (device.user != null) {
                throw IamErrors.alreadyExists("MFA Device is already in use.");
            }
            if (devicesOf(account, user).size() >= MAX_PER_USER) {
                throw IamErrors.quota("MFADevicesPerUser", MAX_PER_USER);
            }
            if (!MfaCodes.consecutive(device, r.authenticationCode1(), r.authenticationCode2(), context.clock().now(),
                    false)) {
                throw IamErrors.invalidAuthenticationCode();
            }
            device.user = user;
            device.enabled = now();
            return EnableMfaDeviceResponse.builder().build();
        }
    }

    public ResyncMfaDeviceResponse resyncMFADevice(ResyncMfaDeviceRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            User user = Users.require(account, r.userName());
            MfaDevice device = assigned(account, user, r.serialNumber());
            if (!MfaCodes.consecutive(device, r.authenticationCode1(), r.authenticationCode2(), context.clock().now(),
                    true)) {
                throw IamErrors.invalidAuthenticationCode();
            }
            return ResyncMfaDeviceResponse.builder().build();
        }
    }

    /** Without a user name: the calling user's device. */
    public DeactivateMfaDeviceResponse deactivateMFADevice(DeactivateMfaDeviceRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            User user = r.userName() != null ? Users.require(account, r.userName()) : Users.caller(context, account);
            if (user == null) {
                throw IamErrors.validation("Must specify userName when calling with non-User credentials");
            }
            MfaDevice device = assigned(account, user, r.serialNumber());
            device.user = null;
            device.enabled = null;
            device.drift = 0;
            return DeactivateMfaDeviceResponse.builder().build();
        }
    }

    public DeleteVirtualMfaDeviceResponse deleteVirtualMFADevice(DeleteVirtualMfaDeviceRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            MfaDevice device = require(account, r.serialNumber());
            if (device.user != null) {
                // "You must deactivate a user's virtual MFA device before you can delete it."
                throw IamErrors.deleteConflict("MFA Device is in use by user: " + device.user.name + ".");
            }
            account.mfaDevices.remove(device.serial);
            device.tags.detach();
            return DeleteVirtualMfaDeviceResponse.builder().build();
        }
    }

    /** Without a user name: the calling user's devices (none for the root user's keys: root MFA is the console's). */
    public ListMfaDevicesResponse listMFADevices(ListMfaDevicesRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            User user = r.userName() != null ? Users.require(account, r.userName()) : Users.caller(context, account);
            List<MFADevice> out = new ArrayList<>();
            if (user != null) {
                for (MfaDevice d : devicesOf(account, user)) {
                    out.add(MFADevice.builder().userName(user.name).serialNumber(d.serial).enableDate(d.enabled).build());
                }
            }
            Paging<MFADevice> page = Paging.page(out, MFADevice::serialNumber, r.marker(), r.maxItems());
            return ListMfaDevicesResponse.builder().mfaDevices(page.items()).isTruncated(page.truncated())
                    .marker(page.marker()).build();
        }
    }

    public ListVirtualMfaDevicesResponse listVirtualMFADevices(ListVirtualMfaDevicesRequest r) {
        String status = r.assignmentStatusAsString() == null ? "Any" : r.assignmentStatusAsString();
        IamStore.Account account = account();
        synchronized (account) {
            List<VirtualMFADevice> out = new ArrayList<>();
            for (MfaDevice d : account.mfaDevices.values()) {
                boolean assigned = d.user != null;
                if (status.equals("Any") || status.equals("Assigned") == assigned) {
                    out.add(listed(d));
                }
            }
            Paging<VirtualMFADevice> page = Paging.page(out, VirtualMFADevice::serialNumber, r.marker(), r.maxItems());
            return ListVirtualMfaDevicesResponse.builder().virtualMFADevices(page.items())
                    .isTruncated(page.truncated()).marker(page.marker()).build();
        }
    }

    public GetMfaDeviceResponse getMFADevice(GetMfaDeviceRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            MfaDevice device = account.mfaDevices.get(r.serialNumber());
            if (device == null || device.user == null
                    || r.userName() != null && !device.user.name.equalsIgnoreCase(r.userName())) {
                throw noSuchDevice(r.serialNumber());
            }
            return GetMfaDeviceResponse.builder().userName(device.user.name).serialNumber(device.serial)
                    .enableDate(device.enabled).build();
        }
    }

    // ---- tags ---------------------------------------------------------------------------------

    public TagMfaDeviceResponse tagMFADevice(TagMfaDeviceRequest r) {
        Tags.checkDuplicates(r.tags());
        IamStore.Account account = account();
        synchronized (account) {
            Tags.apply(require(account, r.serialNumber()).tags, r.tags());
            return TagMfaDeviceResponse.builder().build();
        }
    }

    public UntagMfaDeviceResponse untagMFADevice(UntagMfaDeviceRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Tags.remove(require(account, r.serialNumber()).tags, r.tagKeys());
            return UntagMfaDeviceResponse.builder().build();
        }
    }

    public ListMfaDeviceTagsResponse listMFADeviceTags(ListMfaDeviceTagsRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Paging<Tag> page = Tags.page(require(account, r.serialNumber()).tags, r.marker(), r.maxItems());
            return ListMfaDeviceTagsResponse.builder().tags(page.items()).isTruncated(page.truncated())
                    .marker(page.marker()).build();
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** The devices enabled for a user, by serial number. Caller holds the lock. */
    static List<MfaDevice> devicesOf(IamStore.Account account, User user) {
        List<MfaDevice> out = new ArrayList<>();
        for (MfaDevice d : account.mfaDevices.values()) {
            if (d.user == user) {
                out.add(d);
            }
        }
        return out;
    }

    private static MfaDevice require(IamStore.Account account, String serial) {
        MfaDevice device = account.mfaDevices.get(serial);
        if (device == null) {
            throw noSuchDevice(serial);
        }
        return device;
    }

    private static MfaDevice assigned(IamStore.Account account, User user, String serial) {
        MfaDevice device = account.mfaDevices.get(serial);
        if (device == null || device.user != user) {
            throw noSuchDevice(serial);
        }
        return device;
    }

    private static NoSuchEntityException noSuchDevice(String serial) {
        return IamErrors.noSuchEntity("MFA Device with serial number " + serial + " does not exist.");
    }

    /** ListVirtualMFADevices: no seed and no QR code; the user when assigned. */
    private static VirtualMFADevice listed(MfaDevice d) {
        VirtualMFADevice.Builder b = VirtualMFADevice.builder().serialNumber(d.serial).enableDate(d.enabled);
        if (d.user != null) {
            b.user(software.amazon.awssdk.services.iam.model.User.builder().path(d.user.path).userName(d.user.name)
                    .userId(d.user.id).arn(d.user.arn).createDate(d.user.created).build());
        }
        if (!d.tags.isEmpty()) {
            b.tags(Tags.toSdk(d.tags));
        }
        return b.build();
    }
}
