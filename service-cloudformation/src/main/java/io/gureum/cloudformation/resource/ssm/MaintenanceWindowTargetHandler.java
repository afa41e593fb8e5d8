package io.gureum.cloudformation.resource.ssm;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DoesNotExistException;

/**
 * {@code AWS::SSM::MaintenanceWindowTarget}. {@code Ref} and {@code Fn::GetAtt WindowTargetId} give the window target ID. {@code WindowId} replaces
 * it, and so does {@code ResourceType} (UpdateMaintenanceWindowTarget cannot change it); Targets,
 * OwnerInformation, Name and Description are updated in place.
 */
public final class MaintenanceWindowTargetHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("Description", "Name", "OwnerInformation", "ResourceType",
            "Targets", "WindowId");

    @Override
    public String type() {
        return "AWS::SSM::MaintenanceWindowTarget";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("WindowId", "ResourceType");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String id = r.client(SsmClient.class).registerTargetWithMaintenanceWindow(b -> b
                .windowId(r.requiredText("WindowId")).resourceType(r.requiredText("ResourceType"))
                .targets(MaintenanceShapes.targets(r, "Targets")).ownerInformation(r.text("OwnerInformation"))
                .name(r.text("Name")).description(r.text("Description"))).windowTargetId();
        return Created.of(id).attribute("WindowTargetId", id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        r.client(SsmClient.class).updateMaintenanceWindowTarget(b -> b.windowId(r.requiredText("WindowId"))
                .windowTargetId(r.physicalId()).replace(true).targets(MaintenanceShapes.targets(r, "Targets"))
                .ownerInformation(r.text("OwnerInformation")).name(r.text("Name")).description(r.text("Description")));
        return Created.of(r.physicalId()).attribute("WindowTargetId", r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(SsmClient.class).deregisterTargetFromMaintenanceWindow(b -> b.windowId(r.text("WindowId"))
                    .windowTargetId(r.physicalId()));
        } catch (DoesNotExistException gone) {
            // The target or its window is already gone.
        }
    }
}
