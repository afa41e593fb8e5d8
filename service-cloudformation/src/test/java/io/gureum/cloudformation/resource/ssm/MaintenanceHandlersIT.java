package io.gureum.cloudformation.resource.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.cloudformation.resource.HandlerTestSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DoesNotExistException;

/** The maintenance window and patch baseline handlers: replacement rules, updates in place, drift reads, deletes. */
class MaintenanceHandlersIT extends HandlerTestSupport {

    @Test
    void aWindowWithItsTargetAndTaskIsUpdatedInPlaceAndRead() {
        SsmClient ssm = client(SsmClient.class);
        Deployed w = create(new MaintenanceWindowHandler(), "Window", props("{'Name':'win1','Schedule':'rate(1 day)',"
                + "'Duration':2,'Cutoff':0,'AllowUnassociatedTargets':true,'Description':'first'}"));
        String id = w.id();
        var changed = props("{'Name':'win1','Schedule':'rate(2 days)','Duration':'4','Cutoff':'1',"
                + "'AllowUnassociatedTargets':'false'}");
        assertFalse(replaces(w, changed));
        Deployed w2 = update(w, changed);
        var now = ssm.getMaintenanceWindow(b -> b.windowId(id));
        assertEquals(4, now.duration());
        assertNull(now.description(), "a property removed from the template is cleared");
        assertEquals("rate(2 days)", read(w2).get("Schedule").asText());

        Deployed target = create(new MaintenanceWindowTargetHandler(), "Target", props("{'WindowId':'" + id
                + "','ResourceType':'INSTANCE','Targets':[{'Key':'InstanceIds','Values':['i-0123456789abcdef0']}]}"));
        assertTrue(replaces(target, props("{'WindowId':'mw-0123456789abcdef0','ResourceType':'INSTANCE',"
                + "'Targets':[{'Key':'InstanceIds','Values':['i-0123456789abcdef0']}]}")));
        update(target, props("{'WindowId':'" + id + "','ResourceType':'INSTANCE','Name':'nodes',"
                + "'Targets':[{'Key':'tag:Patch','Values':['yes']}]}"));
        var t = ssm.describeMaintenanceWindowTargets(b -> b.windowId(id)).targets().get(0);
        assertEquals("nodes", t.name());
        assertEquals("tag:Patch", t.targets().get(0).key());

        Deployed task = create(new MaintenanceWindowTaskHandler(), "Task", props("{'WindowId':'" + id
                + "','TaskType':'RUN_COMMAND','TaskArn':'AWS-RunShellScript','Priority':'2','MaxConcurrency':'1',"
                + "'MaxErrors':'0','Targets':[{'Key':'WindowTargetIds','Values':['" + target.id() + "']}],"
                + "'TaskInvocationParameters':{'MaintenanceWindowRunCommandParameters':{'TimeoutSeconds':'600',"
                + "'Parameters':{'commands':['uptime']}}},'LoggingInfo':{'S3Bucket':'logs','Region':'us-east-1'}}"));
        var got = ssm.getMaintenanceWindowTask(b -> b.windowId(id).windowTaskId(task.id()));
        assertEquals(2, got.priority());
        assertEquals(600, got.taskInvocationParameters().runCommand().timeoutSeconds());
        assertEquals("logs", got.loggingInfo().s3BucketName());
        assertTrue(replaces(task, props("{'WindowId':'" + id + "','TaskType':'LAMBDA','TaskArn':'fn'}")));

        delete(task);
        delete(target);
        delete(w2);
        assertThrows(DoesNotExistException.class, () -> ssm.getMaintenanceWindow(b -> b.windowId(id)));
        delete(task);
    }

    @Test
    void aBaselineIsTheDefaultWithPatchGroupsAndIsDeletedWithThem() {
        SsmClient ssm = client(SsmClient.class);
        Deployed b = create(new PatchBaselineHandler(), "Baseline", props("{'Name':'deb','OperatingSystem':'DEBIAN',"
                + "'PatchGroups':['a','b'],'DefaultBaseline':true,'GlobalFilters':{'PatchFilters':[{'Key':'PRIORITY',"
                + "'Values':['Required']}]},'Tags':[{'Key':'env','Value':'dev'}]}"));
        String id = b.id();
        assertEquals(id, ssm.getDefaultPatchBaseline(x -> x.operatingSystem("DEBIAN")).baselineId());
        assertEquals(java.util.List.of("a", "b"), ssm.getPatchBaseline(x -> x.baselineId(id)).patchGroups());
        assertTrue(replaces(b, props("{'Name':'deb','OperatingSystem':'UBUNTU'}")));
        Deployed b2 = update(b, props("{'Name':'deb2','OperatingSystem':'DEBIAN','PatchGroups':['b','c'],"
                + "'DefaultBaseline':true}"));
        var now = ssm.getPatchBaseline(x -> x.baselineId(id));
        assertEquals("deb2", now.name());
        assertEquals(java.util.List.of("b", "c"), now.patchGroups());
        assertNull(now.globalFilters());
        assertEquals("deb2", read(b2).get("Name").asText());
        ssm.createPatchBaseline(x -> x.name("other").operatingSystem("DEBIAN"));
        String other = ssm.describePatchBaselines(x -> x.filters(f -> f.key("NAME_PREFIX").values("other")))
                .baselineIdentities().get(0).baselineId();
        ssm.registerDefaultPatchBaseline(x -> x.baselineId(other));
        delete(b2);
        assertThrows(DoesNotExistException.class, () -> ssm.getPatchBaseline(x -> x.baselineId(id)));
        assertNull(read(b2));
    }
}
