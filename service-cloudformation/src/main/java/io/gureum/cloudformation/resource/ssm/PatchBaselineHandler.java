package io.gureum.cloudformation.resource.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Drift;
import io.gureum.cloudformation.resource.common.Served;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DoesNotExistException;
import software.amazon.awssdk.services.ssm.model.GetPatchBaselineResponse;
import software.amazon.awssdk.services.ssm.model.PatchFilterGroup;
import software.amazon.awssdk.services.ssm.model.PatchRuleGroup;
import software.amazon.awssdk.services.ssm.model.PatchSource;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;

/**
 * {@code AWS::SSM::PatchBaseline}. {@code Ref} and {@code Fn::GetAtt Id} give the baseline ID ({@code pb-…}). {@code OperatingSystem}
 * replaces it; the rest is updated in place (UpdatePatchBaseline with Replace). {@code PatchGroups} are
 * registered and deregistered to match the template; {@code DefaultBaseline: true} registers it as its
 * operating system's default (false leaves the default as it is: Gureum cannot restore the baseline AWS
 * provides).
 */
public final class PatchBaselineHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("ApprovalRules", "ApprovedPatches",
            "ApprovedPatchesComplianceLevel", "ApprovedPatchesEnableNonSecurity",
            "AvailableSecurityUpdatesComplianceStatus", "DefaultBaseline", "Description", "GlobalFilters", "Name",
            "OperatingSystem", "PatchGroups", "RejectedPatches", "RejectedPatchesAction", "Sources", "Tags");

    @Override
    public String type() {
        return "AWS::SSM::PatchBaseline";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("OperatingSystem");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        SsmClient ssm = r.client(SsmClient.class);
        String id = ssm.createPatchBaseline(b -> b.name(r.requiredText("Name"))
                .operatingSystem(r.text("OperatingSystem")).description(r.text("Description"))
                .globalFilters(MaintenanceShapes.shape(r, "GlobalFilters", PatchFilterGroup.class))
                .approvalRules(MaintenanceShapes.shape(r, "ApprovalRules", PatchRuleGroup.class))
                .approvedPatches(MaintenanceShapes.strings(r, "ApprovedPatches"))
                .approvedPatchesComplianceLevel(r.text("ApprovedPatchesComplianceLevel"))
                .approvedPatchesEnableNonSecurity(r.bool("ApprovedPatchesEnableNonSecurity"))
                .rejectedPatches(MaintenanceShapes.strings(r, "RejectedPatches"))
                .rejectedPatchesAction(r.text("RejectedPatchesAction")).sources(sources(r))
                .availableSecurityUpdatesComplianceStatus(r.text("AvailableSecurityUpdatesComplianceStatus"))
                .tags(MaintenanceShapes.tags(r))).baselineId();
        groups(ssm, r, id, List.of());
        if (Boolean.TRUE.equals(r.bool("DefaultBaseline"))) {
            ssm.registerDefaultPatchBaseline(b -> b.baselineId(id));
        }
        return Created.of(id).attribute("Id", id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        SsmClient ssm = r.client(SsmClient.class);
        String id = r.physicalId();
        ssm.updatePatchBaseline(b -> b.baselineId(id).replace(true).name(r.requiredText("Name"))
                .description(r.text("Description"))
                .globalFilters(MaintenanceShapes.shape(r, "GlobalFilters", PatchFilterGroup.class))
                .approvalRules(MaintenanceShapes.shape(r, "ApprovalRules", PatchRuleGroup.class))
                .approvedPatches(MaintenanceShapes.strings(r, "ApprovedPatches"))
                .approvedPatchesComplianceLevel(r.text("ApprovedPatchesComplianceLevel"))
                .approvedPatchesEnableNonSecurity(r.bool("ApprovedPatchesEnableNonSecurity"))
                .rejectedPatches(MaintenanceShapes.strings(r, "RejectedPatches"))
                .rejectedPatchesAction(r.text("RejectedPatchesAction")).sources(sources(r))
                .availableSecurityUpdatesComplianceStatus(r.text("AvailableSecurityUpdatesComplianceStatus")));
        groups(ssm, r, id, ssm.getPatchBaseline(b -> b.baselineId(id)).patchGroups());
        if (Boolean.TRUE.equals(r.bool("DefaultBaseline"))) {
            ssm.registerDefaultPatchBaseline(b -> b.baselineId(id));
        }
        if (r.changedProperties().contains("Tags")) {
            MaintenanceShapes.retag(ssm, r, ResourceTypeForTagging.PATCH_BASELINE, id);
        }
        return Created.of(id).attribute("Id", id);
    }

    @Override
    public void delete(ResourceRequest r) {
        SsmClient ssm = r.client(SsmClient.class);
        String id = r.physicalId();
        try {
            for (String group : ssm.getPatchBaseline(b -> b.baselineId(id)).patchGroups()) {
                ssm.deregisterPatchBaselineForPatchGroup(b -> b.baselineId(id).patchGroup(group));
            }
        } catch (DoesNotExistException gone) {
            return;
        }
        ssm.deletePatchBaseline(b -> b.baselineId(id));
    }

    /** Registers the template's patch groups the baseline lacks and deregisters those it no longer has. */
    private static void groups(SsmClient ssm, ResourceRequest r, String id, List<String> registered) {
        List<String> wanted = MaintenanceShapes.strings(r, "PatchGroups");
        for (String g : registered) {
            if (!wanted.contains(g)) {
                ssm.deregisterPatchBaselineForPatchGroup(b -> b.baselineId(id).patchGroup(g));
            }
        }
        for (String g : wanted) {
            if (!registered.contains(g)) {
                ssm.registerPatchBaselineForPatchGroup(b -> b.baselineId(id).patchGroup(g));
            }
        }
    }

    private static List<PatchSource> sources(ResourceRequest r) {
        JsonNode list = r.property("Sources");
        if (list == null || !list.isArray()) {
            return null;
        }
        List<PatchSource> out = new java.util.ArrayList<>();
        list.forEach(s -> out.add(MaintenanceShapes.shape(r, "Sources", s, PatchSource.class)));
        return out;
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public JsonNode read(ResourceRequest r) {
        GetPatchBaselineResponse b;
        try {
            b = r.client(SsmClient.class).getPatchBaseline(x -> x.baselineId(r.physicalId()));
        } catch (DoesNotExistException gone) {
            return null;
        }
        return new Drift(r).put("Name", b.name()).put("OperatingSystem", b.operatingSystemAsString())
                .put("Description", b.description()).put("ApprovedPatches", b.approvedPatches())
                .put("RejectedPatches", b.rejectedPatches()).put("RejectedPatchesAction", b.rejectedPatchesActionAsString())
                .put("ApprovedPatchesComplianceLevel", b.approvedPatchesComplianceLevelAsString())
                .put("PatchGroups", b.patchGroups()).result();
    }
}
