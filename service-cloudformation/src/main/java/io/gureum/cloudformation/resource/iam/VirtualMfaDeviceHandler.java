package io.gureum.cloudformation.resource.iam;

import static io.gureum.cloudformation.resource.iam.IamSupport.iam;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * {@code AWS::IAM::VirtualMFADevice}. {@code Ref} and {@code Fn::GetAtt SerialNumber} give the device's serial
 * number (its ARN). {@code VirtualMfaDeviceName} and {@code Path} replace it; tags change in place.
 * {@code Users} is not applied: enabling a device for a user needs two consecutive codes from it
 * (EnableMFADevice), which a template cannot give, so a template naming users fails the resource.
 */
public final class VirtualMfaDeviceHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("Path", "Tags", "VirtualMfaDeviceName");

    @Override
    public String type() {
        return "AWS::IAM::VirtualMFADevice";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Path", "VirtualMfaDeviceName");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = r.has("VirtualMfaDeviceName") ? r.text("VirtualMfaDeviceName") : r.generatedName(226);
        List<Tag> tags = IamSupport.tags(r);
        String serial = iam(r).createVirtualMFADevice(b -> b.virtualMFADeviceName(name).path(r.text("Path"))
                .tags(tags.isEmpty() ? null : tags)).virtualMFADevice().serialNumber();
        return Created.of(serial).attribute("SerialNumber", serial);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        IamClient iam = iam(r);
        String serial = r.physicalId();
        List<Tag> now = IamSupport.tags(r);
        List<String> keys = now.stream().map(Tag::key).toList();
        List<String> removed = iam.listMFADeviceTags(b -> b.serialNumber(serial)).tags().stream().map(Tag::key)
                .filter(k -> !keys.contains(k)).toList();
        if (!removed.isEmpty()) {
            iam.untagMFADevice(b -> b.serialNumber(serial).tagKeys(removed));
        }
        if (!now.isEmpty()) {
            iam.tagMFADevice(b -> b.serialNumber(serial).tags(now));
        }
        return Created.of(serial).attribute("SerialNumber", serial);
    }

    @Override
    public void delete(ResourceRequest r) {
        IamSupport.deleting(() -> iam(r).deleteVirtualMFADevice(b -> b.serialNumber(r.physicalId())));
    }
}
