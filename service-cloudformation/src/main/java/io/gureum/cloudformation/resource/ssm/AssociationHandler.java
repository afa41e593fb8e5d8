package io.gureum.cloudformation.resource.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Drift;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.SdkJson;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.AssociationDescription;
import software.amazon.awssdk.services.ssm.model.AssociationDoesNotExistException;
import software.amazon.awssdk.services.ssm.model.InstanceAssociationOutputLocation;
import software.amazon.awssdk.services.ssm.model.Target;

/**
 * {@code AWS::SSM::Association}. {@code Ref} and the {@code AssociationId} attribute are the association's
 * ID. A change of {@code InstanceId} replaces it; any other change is an UpdateAssociation with every property
 * (UpdateAssociation clears what it is not given). {@code WaitForSuccessTimeoutSeconds} is not served: it waits
 * for the targets to report success, which no Gureum target ever does.
 */
public final class AssociationHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("Name", "AssociationName", "DocumentVersion", "InstanceId",
            "Parameters", "ScheduleExpression", "Targets", "OutputLocation", "AutomationTargetParameterName",
            "MaxErrors", "MaxConcurrency", "ComplianceSeverity", "SyncCompliance", "ApplyOnlyAtCronInterval",
            "CalendarNames", "ScheduleOffset");

    @Override
    public String type() {
        return "AWS::SSM::Association";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("InstanceId");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        AssociationDescription d = r.client(SsmClient.class).createAssociation(b -> b.name(r.requiredText("Name"))
                .associationName(r.text("AssociationName")).documentVersion(r.text("DocumentVersion"))
                .instanceId(r.text("InstanceId")).parameters(parameters(r)).scheduleExpression(
                        r.text("ScheduleExpression")).targets(targets(r)).outputLocation(output(r))
                .automationTargetParameterName(r.text("AutomationTargetParameterName")).maxErrors(r.text("MaxErrors"))
                .maxConcurrency(r.text("MaxConcurrency")).complianceSeverity(r.text("ComplianceSeverity"))
                .syncCompliance(r.text("SyncCompliance")).applyOnlyAtCronInterval(r.bool("ApplyOnlyAtCronInterval"))
                .calendarNames(calendars(r)).scheduleOffset(r.integer("ScheduleOffset"))).associationDescription();
        return created(d.associationId());
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        String id = r.physicalId();
        r.client(SsmClient.class).updateAssociation(b -> b.associationId(id).name(r.requiredText("Name"))
                .associationName(r.text("AssociationName")).documentVersion(r.text("DocumentVersion"))
                .parameters(parameters(r)).scheduleExpression(r.text("ScheduleExpression")).targets(targets(r))
                .outputLocation(output(r)).automationTargetParameterName(r.text("AutomationTargetParameterName"))
                .maxErrors(r.text("MaxErrors")).maxConcurrency(r.text("MaxConcurrency"))
                .complianceSeverity(r.text("ComplianceSeverity")).syncCompliance(r.text("SyncCompliance"))
                .applyOnlyAtCronInterval(r.bool("ApplyOnlyAtCronInterval")).calendarNames(calendars(r))
                .scheduleOffset(r.integer("ScheduleOffset")));
        return created(id);
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(SsmClient.class).deleteAssociation(b -> b.associationId(r.physicalId()));
        } catch (AssociationDoesNotExistException gone) {
            // Already deleted.
        }
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public JsonNode read(ResourceRequest r) {
        AssociationDescription d;
        try {
            d = r.client(SsmClient.class).describeAssociation(b -> b.associationId(r.physicalId()))
                    .associationDescription();
        } catch (AssociationDoesNotExistException gone) {
            return null;
        }
        return new Drift(r).put("Name", d.name()).put("AssociationName", d.associationName())
                .put("InstanceId", d.instanceId()).put("ScheduleExpression", d.scheduleExpression())
                .put("MaxErrors", d.maxErrors()).put("MaxConcurrency", d.maxConcurrency())
                .put("ComplianceSeverity", d.complianceSeverityAsString())
                .put("SyncCompliance", d.syncComplianceAsString())
                .put("ApplyOnlyAtCronInterval", d.applyOnlyAtCronInterval()).put("Parameters", d.hasParameters()
                        ? d.parameters() : null)
                .result();
    }

    private static Created created(String id) {
        return Created.of(id).attribute("AssociationId", id);
    }

    /** {@code Parameters}: a map of names to lists of strings (a single string is taken as a list of one). */
    private static Map<String, List<String>> parameters(ResourceRequest r) {
        JsonNode given = r.property("Parameters");
        if (given == null || !given.isObject()) {
            return null;
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        given.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isArray() ? Json.strings(e.getValue())
                : List.of(e.getValue().asText())));
        return out;
    }

    private static List<Target> targets(ResourceRequest r) {
        JsonNode given = r.property("Targets");
        if (given == null || !given.isArray()) {
            return null;
        }
        List<Target> out = new ArrayList<>();
        given.forEach(t -> out.add(SdkJson.build(t, Target.builder(), "Targets")));
        return out;
    }

    private static InstanceAssociationOutputLocation output(ResourceRequest r) {
        JsonNode given = r.property("OutputLocation");
        return given == null || given.isNull() ? null
                : SdkJson.build(given, InstanceAssociationOutputLocation.builder(), "OutputLocation");
    }

    private static List<String> calendars(ResourceRequest r) {
        return r.has("CalendarNames") ? Json.strings(r.property("CalendarNames")) : null;
    }
}
