package io.gureum.cloudformation.resource.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Drift;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DoesNotExistException;
import software.amazon.awssdk.services.ssm.model.GetMaintenanceWindowResponse;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;

/**
 * {@code AWS::SSM::MaintenanceWindow}. {@code Ref} and {@code Fn::GetAtt WindowId} give the window ID ({@code mw-…}).
 * Every property is updated in place (UpdateMaintenanceWindow with Replace, so a property removed from the
 * template is cleared), Tags included.
 */
public final class MaintenanceWindowHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("AllowUnassociatedTargets", "Cutoff", "Description",
            "Duration", "EndDate", "Name", "Schedule", "ScheduleOffset", "ScheduleTimezone", "StartDate", "Tags");

    @Override
    public String type() {
        return "AWS::SSM::MaintenanceWindow";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of();
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String id = r.client(SsmClient.class).createMaintenanceWindow(b -> b.name(r.requiredText("Name"))
                .description(r.text("Description")).schedule(r.requiredText("Schedule"))
                .scheduleTimezone(r.text("ScheduleTimezone")).scheduleOffset(r.integer("ScheduleOffset"))
                .startDate(r.text("StartDate")).endDate(r.text("EndDate")).duration(r.integer("Duration"))
                .cutoff(r.integer("Cutoff")).allowUnassociatedTargets(r.bool("AllowUnassociatedTargets"))
                .tags(MaintenanceShapes.tags(r))).windowId();
        return Created.of(id).attribute("WindowId", id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        SsmClient ssm = r.client(SsmClient.class);
        String id = r.physicalId();
        ssm.updateMaintenanceWindow(b -> b.windowId(id).replace(true).name(r.requiredText("Name"))
                .description(r.text("Description")).schedule(r.requiredText("Schedule"))
                .scheduleTimezone(r.text("ScheduleTimezone")).scheduleOffset(r.integer("ScheduleOffset"))
                .startDate(r.text("StartDate")).endDate(r.text("EndDate")).duration(r.integer("Duration"))
                .cutoff(r.integer("Cutoff")).allowUnassociatedTargets(r.bool("AllowUnassociatedTargets"))
                .enabled(true));
        if (r.changedProperties().contains("Tags")) {
            MaintenanceShapes.retag(ssm, r, ResourceTypeForTagging.MAINTENANCE_WINDOW, id);
        }
        return Created.of(id).attribute("WindowId", id);
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(SsmClient.class).deleteMaintenanceWindow(b -> b.windowId(r.physicalId()));
        } catch (DoesNotExistException gone) {
            // Already deleted.
        }
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public JsonNode read(ResourceRequest r) {
        GetMaintenanceWindowResponse w;
        try {
            w = r.client(SsmClient.class).getMaintenanceWindow(b -> b.windowId(r.physicalId()));
        } catch (DoesNotExistException gone) {
            return null;
        }
        return new Drift(r).put("Name", w.name()).put("Description", w.description()).put("Schedule", w.schedule())
                .put("ScheduleTimezone", w.scheduleTimezone()).put("ScheduleOffset", w.scheduleOffset())
                .put("StartDate", w.startDate()).put("EndDate", w.endDate()).put("Duration", w.duration())
                .put("Cutoff", w.cutoff()).put("AllowUnassociatedTargets", w.allowUnassociatedTargets()).result();
    }
}
