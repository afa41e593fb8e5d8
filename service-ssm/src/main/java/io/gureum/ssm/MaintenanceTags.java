package io.gureum.ssm;

import java.util.Map;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;

/**
 * Tags of maintenance windows (ResourceType {@code MaintenanceWindow}, ResourceId the window ID) and patch
 * baselines (ResourceType {@code PatchBaseline}, ResourceId the baseline ID), for ParameterTags.
 */
final class MaintenanceTags {
    private MaintenanceTags() {
    }

    /** The tags of the window or baseline named, null for other resource types; InvalidResourceId if absent. */
    static Map<String, String> tagsOf(SsmState state, ResourceTypeForTagging type, String id) {
        if (type != ResourceTypeForTagging.MAINTENANCE_WINDOW && type != ResourceTypeForTagging.PATCH_BASELINE) {
            return null;
        }
        var ctx = io.gureum.core.protocol.RequestContext.current();
        MaintenanceStore store = state.maintenance.get(ctx.accountId(), ctx.region());
        if (type == ResourceTypeForTagging.MAINTENANCE_WINDOW) {
            MaintenanceStore.Window w = store.windows.get(id);
            if (w == null) {
                throw SsmErrors.invalidResourceId();
            }
            return w.tags;
        }
        MaintenanceStore.Baseline b = store.baselines.get(id);
        if (b == null) {
            throw SsmErrors.invalidResourceId();
        }
        return b.tags;
    }

    /** A window's or baseline's tags changed: its store is recorded again. */
    static void touched(SsmState state, ResourceTypeForTagging type) {
        if (type == ResourceTypeForTagging.MAINTENANCE_WINDOW || type == ResourceTypeForTagging.PATCH_BASELINE) {
            var ctx = io.gureum.core.protocol.RequestContext.current();
            state.maintenance.get(ctx.accountId(), ctx.region()).revision++;
        }
    }
}
