package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import io.gureum.iam.IamService;
import io.gureum.iam.StsService;
import io.gureum.junit5.GureumExtension;
import io.gureum.vpc.VpcService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileAssociation;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.iam.IamClient;

/** Operations around instances: IAM instance profile associations, attributes, placement, defaults, event windows. */
class InstanceOpsIT {
    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder()
            .services(new VpcService(), new Ec2ComputeService(), new IamService(), new StsService()).build();
    static Gureum gureum;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        InProcessWarmUp.ec2(gureum);
    }

    static Ec2Client ec2() {
        return AwsClients.client(Ec2Client.builder(), gureum.endpoint(), "123456789012", "ap-northeast-2");
    }

    static String fails(String code, int status, Executable call) {
        AwsServiceException e = assertThrows(AwsServiceException.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(status, e.statusCode(), e.getMessage());
        return e.awsErrorDetails().errorMessage();
    }

    static void advance() {
        gureum.context().clock().advance(Duration.ofSeconds(10));
    }

    static String launch(Ec2Client ec2, String type, String profile) {
        String ami = InstancesIT.al2023(ec2, "x86_64");
        String id = ec2.runInstances(b -> b.imageId(ami).instanceType(type).minCount(1).maxCount(1)
                .metadataOptions(m -> m.httpTokens("optional"))
                .iamInstanceProfile(profile == null ? null : software.amazon.awssdk.services.ec2.model
                        .IamInstanceProfileSpecification.builder().name(profile).build())).instances().get(0).instanceId();
        advance();
        return id;
    }

    static String profile(String name) {
        IamClient iam = AwsClients.client(IamClient.builder(), gureum.endpoint(), "123456789012", "us-east-1");
        iam.createRole(b -> b.roleName(name + "-role").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},"
                + "\"Action\":\"sts:AssumeRole\"}]}"));
        String arn = iam.createInstanceProfile(b -> b.instanceProfileName(name)).instanceProfile().arn();
        iam.addRoleToInstanceProfile(b -> b.instanceProfileName(name).roleName(name + "-role"));
        return arn;
    }

    static String imds(String instanceId, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(gureum.endpoint() + "/_gureum/ec2/imds/"
                + instanceId + "/latest/meta-data/" + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }

    static Instance describe(Ec2Client ec2, String id) {
        return InstancesIT.describe(ec2, id);
    }

    @Test
    void iamInstanceProfileAssociations() throws Exception {
        Ec2Client ec2 = ec2();
        String first = profile("ops-first");
        String second = profile("ops-second");
        String id = launch(ec2, "t3.micro", null);
        assertNull(describe(ec2, id).iamInstanceProfile());

        fails("InvalidParameterValue", 400, () -> ec2.associateIamInstanceProfile(b -> b.instanceId(id)
                .iamInstanceProfile(p -> p.name("no-such-profile"))));
        fails("InvalidInstanceID.NotFound", 400, () -> ec2.associateIamInstanceProfile(b -> b
                .instanceId("i-0123456789abcdef0").iamInstanceProfile(p -> p.name("ops-first"))));
        fails("MissingParameter", 400, () -> ec2.associateIamInstanceProfile(b -> b.instanceId(id)));

        IamInstanceProfileAssociation a = ec2.associateIamInstanceProfile(b -> b.instanceId(id)
                .iamInstanceProfile(p -> p.name("ops-first"))).iamInstanceProfileAssociation();
        assertEquals("associating", a.stateAsString());
        assertTrue(a.associationId().startsWith("iip-assoc-"));
        assertEquals(first, a.iamInstanceProfile().arn());
        assertEquals(first, describe(ec2, id).iamInstanceProfile().arn());
        assertEquals("200 ops-first-role", imds(id, "iam/security-credentials/"), "IMDS follows the association");
        assertTrue(fails("IncorrectState", 400, () -> ec2.associateIamInstanceProfile(b -> b.instanceId(id)
                .iamInstanceProfile(p -> p.name("ops-second")))).contains(id));
        advance();
        var described = ec2.describeIamInstanceProfileAssociations(b -> b.associationIds(a.associationId()))
                .iamInstanceProfileAssociations();
        assertEquals("associated", described.get(0).stateAsString());
        assertEquals(1, ec2.describeIamInstanceProfileAssociations(b -> b.filters(
                Filter.builder().name("instance-id").values(id).build(),
                Filter.builder().name("state").values("associated").build())).iamInstanceProfileAssociations().size());
        fails("InvalidAssociationID.NotFound", 400, () -> ec2.describeIamInstanceProfileAssociations(b -> b
                .associationIds("iip-assoc-0123456789abcdef0")));

        var replaced = ec2.replaceIamInstanceProfileAssociation(b -> b.associationId(a.associationId())
                .iamInstanceProfile(p -> p.arn(second))).iamInstanceProfileAssociation();
        assertNotEquals(a.associationId(), replaced.associationId(), "a replacement is a new association");
        assertEquals("associating", replaced.stateAsString());
        assertEquals(second, describe(ec2, id).iamInstanceProfile().arn());
        assertEquals("200 ops-second-role", imds(id, "iam/security-credentials/"));
        fails("InvalidAssociationID.NotFound", 400, () -> ec2.disassociateIamInstanceProfile(b -> b
                .associationId(a.associationId())));

        ec2.stopInstances(b -> b.instanceIds(id));
        advance();
        fails("IncorrectState", 400, () -> ec2.replaceIamInstanceProfileAssociation(b -> b
                .associationId(replaced.associationId()).iamInstanceProfile(p -> p.name("ops-first"))));
        var gone = ec2.disassociateIamInstanceProfile(b -> b.associationId(replaced.associationId()))
                .iamInstanceProfileAssociation();
        assertEquals("disassociating", gone.stateAsString());
        assertNull(describe(ec2, id).iamInstanceProfile());
        advance();
        assertTrue(ec2.describeIamInstanceProfileAssociations(b -> b.filters(Filter.builder().name("instance-id")
                .values(id).build())).iamInstanceProfileAssociations().isEmpty());
        // Stopped instances may be associated again.
        ec2.associateIamInstanceProfile(b -> b.instanceId(id).iamInstanceProfile(p -> p.name("ops-first")));

        String launched = launch(ec2, "t3.micro", "ops-second");
        var atLaunch = ec2.describeIamInstanceProfileAssociations(b -> b.filters(Filter.builder().name("instance-id")
                .values(launched).build())).iamInstanceProfileAssociations();
        assertEquals(List.of("associated"), atLaunch.stream().map(x -> x.stateAsString()).toList(),
                "RunInstances with a profile makes the association");
        var page = ec2.describeIamInstanceProfileAssociations(b -> b.maxResults(5));
        assertTrue(page.iamInstanceProfileAssociations().size() >= 2);
        fails("InvalidParameterValue", 400, () -> ec2.describeIamInstanceProfileAssociations(b -> b.maxResults(4)));
        ec2.terminateInstances(b -> b.instanceIds(launched));
        assertTrue(ec2.describeIamInstanceProfileAssociations(b -> b.filters(Filter.builder().name("instance-id")
                .values(launched).build())).iamInstanceProfileAssociations().isEmpty(),
                "a terminated instance keeps no association");
    }

    @Test
    void resetPlacementCpuAndMaintenance() {
        Ec2Client ec2 = ec2();
        String id = launch(ec2, "m5.xlarge", null);
        Instance running = describe(ec2, id);
        assertEquals(4, running.cpuOptions().coreCount() * running.cpuOptions().threadsPerCore());
        assertEquals(2, running.cpuOptions().threadsPerCore());

        ec2.modifyInstanceAttribute(b -> b.instanceId(id).sourceDestCheck(v -> v.value(false)));
        fails("DryRunOperation", 412, () -> ec2.resetInstanceAttribute(b -> b.instanceId(id)
                .attribute("sourceDestCheck").dryRun(true)));
        ec2.resetInstanceAttribute(b -> b.instanceId(id).attribute("sourceDestCheck"));
        assertTrue(ec2.describeInstanceAttribute(b -> b.instanceId(id).attribute("sourceDestCheck"))
                .sourceDestCheck().value());
        fails("IncorrectInstanceState", 400, () -> ec2.resetInstanceAttribute(b -> b.instanceId(id).attribute("kernel")));
        fails("InvalidParameterValue", 400, () -> ec2.resetInstanceAttribute(b -> b.instanceId(id)
                .attribute("userData")));

        fails("IncorrectInstanceState", 400, () -> ec2.modifyInstanceCpuOptions(b -> b.instanceId(id).coreCount(1)
                .threadsPerCore(1)));
        fails("InvalidInstanceState", 400, () -> ec2.modifyInstancePlacement(b -> b.instanceId(id)
                .tenancy("dedicated")));
        fails("InvalidAffinity", 400, () -> ec2.modifyInstancePlacement(b -> b.instanceId(id).affinity("sticky")));
        var maintenance = ec2.modifyInstanceMaintenanceOptions(b -> b.instanceId(id).autoRecovery("disabled"));
        assertEquals("disabled", maintenance.autoRecoveryAsString());
        assertEquals("disabled", describe(ec2, id).maintenanceOptions().autoRecoveryAsString());
        fails("DryRunOperation", 412, () -> ec2.modifyInstanceMaintenanceOptions(b -> b.instanceId(id)
                .autoRecovery("default").dryRun(true)));

        ec2.stopInstances(b -> b.instanceIds(id));
        advance();
        ec2.resetInstanceAttribute(b -> b.instanceId(id).attribute("kernel"));
        fails("InvalidParameterValue", 400, () -> ec2.modifyInstanceCpuOptions(b -> b.instanceId(id).coreCount(3)));
        fails("InvalidParameterValue", 400, () -> ec2.modifyInstanceCpuOptions(b -> b.instanceId(id)
                .threadsPerCore(3)));
        fails("DryRunOperation", 412, () -> ec2.modifyInstanceCpuOptions(b -> b.instanceId(id).coreCount(1)
                .dryRun(true)));
        var cpu = ec2.modifyInstanceCpuOptions(b -> b.instanceId(id).coreCount(1).threadsPerCore(1));
        assertEquals(1, cpu.coreCount());
        assertEquals(1, describe(ec2, id).cpuOptions().threadsPerCore());

        ec2.createPlacementGroup(b -> b.groupName("ops-partition").strategy("partition").partitionCount(3));
        fails("InvalidParameterValue", 400, () -> ec2.modifyInstancePlacement(b -> b.instanceId(id)
                .groupName("ops-partition").partitionNumber(4)));
        assertTrue(ec2.modifyInstancePlacement(b -> b.instanceId(id).groupName("ops-partition").partitionNumber(2))
                .returnValue());
        var placement = describe(ec2, id).placement();
        assertEquals("ops-partition", placement.groupName());
        assertEquals(2, placement.partitionNumber());
        ec2.modifyInstancePlacement(b -> b.instanceId(id).groupName(""));
        assertEquals("", describe(ec2, id).placement().groupName());
        assertTrue(ec2.modifyInstancePlacement(b -> b.instanceId(id).tenancy("dedicated")).returnValue());
        assertEquals("dedicated", describe(ec2, id).placement().tenancyAsString());
        fails("InvalidParameterCombination", 400, () -> ec2.modifyInstancePlacement(b -> b.instanceId(id)
                .affinity("host")));
        fails("InsufficientHostCapacity", 400, () -> ec2.modifyInstancePlacement(b -> b.instanceId(id).tenancy("host")));
        String zone = describe(ec2, id).placement().availabilityZone();
        String host = ec2.allocateHosts(b -> b.instanceType("m5.xlarge").availabilityZone(zone).quantity(1)
                .autoPlacement("on")).hostIds().get(0);
        ec2.modifyInstancePlacement(b -> b.instanceId(id).tenancy("host").affinity("host"));
        assertEquals(host, describe(ec2, id).placement().hostId(), "an auto-placement host, as at launch");
        assertEquals("host", describe(ec2, id).placement().affinity());
        fails("InvalidRequest", 400, () -> ec2.modifyInstancePlacement(b -> b.instanceId(id).tenancy("dedicated")));
        fails("InvalidPlacementGroup.Unknown", 400, () -> ec2.modifyInstancePlacement(b -> b.instanceId(id)
                .groupName("no-such-group")));
    }

    @Test
    void metadataDefaultsApplyAtLaunch() {
        Ec2Client ec2 = AwsClients.client(Ec2Client.builder(), gureum.endpoint(), "123456789012", "ap-northeast-1");
        fails("DryRunOperation", 412, () -> ec2.getInstanceMetadataDefaults(b -> b.dryRun(true)));
        var none = ec2.getInstanceMetadataDefaults(b -> { }).accountLevel();
        assertNull(none.httpTokensAsString());
        fails("DryRunOperation", 412, () -> ec2.modifyInstanceMetadataDefaults(b -> b.httpTokens("required")
                .dryRun(true)));
        fails("InvalidParameterValue", 400, () -> ec2.modifyInstanceMetadataDefaults(b -> b
                .httpPutResponseHopLimit(65)));
        assertTrue(ec2.modifyInstanceMetadataDefaults(b -> b.httpTokens("required").httpPutResponseHopLimit(3)
                .instanceMetadataTags("enabled")).returnValue());
        var set = ec2.getInstanceMetadataDefaults(b -> { }).accountLevel();
        assertEquals("required", set.httpTokensAsString());
        assertEquals(3, set.httpPutResponseHopLimit());
        assertEquals("account", set.managedByAsString(), "no declarative policy manages them");

        String ami = ec2.describeImages(b -> b.filters(Filter.builder().name("name")
                .values("debian-12-amd64-*").build())).images().get(0).imageId();
        var launched = ec2.runInstances(b -> b.imageId(ami).instanceType("t3.micro").minCount(1).maxCount(1)
                .metadataOptions(m -> m.httpPutResponseHopLimit(5))).instances().get(0).metadataOptions();
        assertEquals("required", launched.httpTokensAsString(), "the account default");
        assertEquals(5, launched.httpPutResponseHopLimit(), "the launch parameter wins");
        assertEquals("enabled", launched.instanceMetadataTagsAsString());

        ec2.modifyInstanceMetadataDefaults(b -> b.httpTokens("no-preference").httpPutResponseHopLimit(-1)
                .httpTokensEnforced("enabled"));
        assertNull(ec2.getInstanceMetadataDefaults(b -> { }).accountLevel().httpTokensAsString());
        fails("OperationNotPermitted", 400, () -> ec2.runInstances(b -> b.imageId(ami).instanceType("t3.micro")
                .minCount(1).maxCount(1)));
        assertEquals("required", ec2.runInstances(b -> b.imageId(ami).instanceType("t3.micro").minCount(1)
                .maxCount(1).metadataOptions(m -> m.httpTokens("required"))).instances().get(0).metadataOptions()
                .httpTokensAsString());
        ec2.modifyInstanceMetadataDefaults(b -> b.httpTokensEnforced("no-preference").instanceMetadataTags(
                "no-preference"));
    }

    @Test
    void topologyImageMetadataRequirementsAndReports() {
        Ec2Client ec2 = ec2();
        String ami = InstancesIT.al2023(ec2, "x86_64");
        String p4 = ec2.runInstances(b -> b.imageId(ami).instanceType("p4d.24xlarge").minCount(1).maxCount(1))
                .instances().get(0).instanceId();
        String small = ec2.runInstances(b -> b.imageId(ami).instanceType("t3.nano").minCount(1).maxCount(1)
                .tagSpecifications(t -> t.resourceType("instance").tags(g -> g.key("role").value("meta"))))
                .instances().get(0).instanceId();
        assertTrue(ec2.describeInstanceTopology(b -> b.instanceIds(p4)).instances().isEmpty(), "only running instances");
        fails("IncorrectInstanceState", 400, () -> ec2.reportInstanceStatus(b -> b.instances(small).status("impaired")
                .reasonCodesWithStrings("unresponsive")));
        advance();
        var topology = ec2.describeInstanceTopology(b -> b.instanceIds(p4, small)).instances();
        assertEquals(List.of(p4), topology.stream().map(x -> x.instanceId()).toList(), "types without topology are left out");
        assertEquals(3, topology.get(0).networkNodes().size());
        assertEquals(ec2.describeAvailabilityZones(b -> b.zoneNames(topology.get(0).availabilityZone()))
                .availabilityZones().get(0).zoneId(), topology.get(0).zoneId());
        assertEquals(topology, ec2.describeInstanceTopology(b -> b.instanceIds(p4)).instances(), "stable nodes");
        assertEquals(1, ec2.describeInstanceTopology(b -> b.filters(Filter.builder().name("instance-type")
                .values("p4d*").build())).instances().stream().filter(x -> x.instanceId().equals(p4)).count());
        fails("InvalidParameterCombination", 400, () -> ec2.describeInstanceTopology(b -> b.instanceIds(p4)
                .maxResults(5)));
        fails("DryRunOperation", 412, () -> ec2.describeInstanceTopology(b -> b.dryRun(true)));

        var meta = ec2.describeInstanceImageMetadata(b -> b.filters(Filter.builder().name("tag:role").values("meta")
                .build())).instanceImageMetadata();
        assertEquals(List.of(small), meta.stream().map(x -> x.instanceId()).toList());
        assertEquals(ami, meta.get(0).imageMetadata().imageId());
        assertEquals("137112412989", meta.get(0).imageMetadata().ownerId());
        assertEquals("amazon", meta.get(0).imageMetadata().imageOwnerAlias());
        assertEquals("running", meta.get(0).state().nameAsString());
        fails("InvalidInstanceID.NotFound", 400, () -> ec2.describeInstanceImageMetadata(b -> b
                .instanceIds("i-0123456789abcdef0")));
        fails("DryRunOperation", 412, () -> ec2.describeInstanceImageMetadata(b -> b.dryRun(true)));

        var types = ec2.getInstanceTypesFromInstanceRequirements(b -> b.architectureTypesWithStrings("arm64")
                .virtualizationTypesWithStrings("hvm").instanceRequirements(q -> q.vCpuCount(v -> v.min(2).max(2))
                        .memoryMiB(m -> m.min(4096).max(4096)).cpuManufacturersWithStrings("amazon-web-services")
                        .allowedInstanceTypes("m*", "c*"))).instanceTypes().stream().map(x -> x.instanceType())
                .toList();
        assertTrue(types.contains("c6g.large") && types.contains("m7g.medium") == false && types.contains("c7g.large"),
                types.toString());
        assertTrue(types.stream().noneMatch(x -> x.startsWith("t") || x.startsWith("r")), types.toString());
        assertTrue(ec2.getInstanceTypesFromInstanceRequirements(b -> b.architectureTypesWithStrings("x86_64")
                .virtualizationTypesWithStrings("hvm").instanceRequirements(q -> q.vCpuCount(v -> v.min(2).max(2))
                        .memoryMiB(m -> m.min(1024).max(1024)))).instanceTypes().isEmpty(),
                "burstable types are excluded by default");
        assertEquals(List.of("t3.micro", "t3a.micro"), ec2.getInstanceTypesFromInstanceRequirements(b -> b
                .architectureTypesWithStrings("x86_64").virtualizationTypesWithStrings("hvm")
                .instanceRequirements(q -> q.vCpuCount(v -> v.min(2).max(2)).memoryMiB(m -> m.min(1024).max(1024))
                        .burstablePerformance("required").instanceGenerationsWithStrings("current")))
                .instanceTypes().stream().map(x -> x.instanceType()).toList());
        fails("DryRunOperation", 412, () -> ec2.getInstanceTypesFromInstanceRequirements(b -> b
                .architectureTypesWithStrings("arm64").virtualizationTypesWithStrings("hvm")
                .instanceRequirements(q -> q.vCpuCount(v -> v.min(1)).memoryMiB(m -> m.min(1))).dryRun(true)));
        fails("MissingParameter", 400, () -> ec2.getInstanceTypesFromInstanceRequirements(b -> b
                .virtualizationTypesWithStrings("hvm").instanceRequirements(q -> q.vCpuCount(v -> v.min(1))
                        .memoryMiB(m -> m.min(1)))));

        fails("InvalidParameterValue", 400, () -> ec2.reportInstanceStatus(b -> b.instances(small).status("impaired")
                .reasonCodesWithStrings("bored")));
        fails("DryRunOperation", 412, () -> ec2.reportInstanceStatus(b -> b.instances(small).status("impaired")
                .reasonCodesWithStrings("unresponsive").dryRun(true)));
        ec2.reportInstanceStatus(b -> b.instances(small).status("impaired").reasonCodesWithStrings("unresponsive")
                .description("no answer"));
        assertEquals("ok", ec2.describeInstanceStatus(b -> b.instanceIds(small)).instanceStatuses().get(0)
                .instanceStatus().statusAsString(), "a report changes no status");
    }

    @Test
    void instanceEventWindows() {
        Ec2Client ec2 = ec2();
        fails("InvalidParameterCombination", 400, () -> ec2.createInstanceEventWindow(b -> b.name("both")
                .cronExpression("* 0-4 * * 1").timeRanges(x -> x.startWeekDay("monday").startHour(1)
                        .endWeekDay("monday").endHour(6))));
        fails("InvalidParameterValue", 400, () -> ec2.createInstanceEventWindow(b -> b.cronExpression("0 0-4 * * 1")));
        fails("InvalidParameterValue", 400, () -> ec2.createInstanceEventWindow(b -> b.cronExpression("* 0-1,3-6 * * 1")));
        fails("InvalidParameterValue", 400, () -> ec2.createInstanceEventWindow(b -> b.cronExpression("* 0-3 * * 1")));
        fails("InvalidParameterValue", 400, () -> ec2.createInstanceEventWindow(b -> b.timeRanges(x -> x
                .startWeekDay("monday").startHour(1).endWeekDay("monday").endHour(2), x -> x.startWeekDay("friday")
                .startHour(1).endWeekDay("friday").endHour(6))));
        fails("InvalidParameterValue", 400, () -> ec2.createInstanceEventWindow(b -> b.timeRanges(x -> x
                .startWeekDay("monday").startHour(1).endWeekDay("monday").endHour(4))));
        fails("DryRunOperation", 412, () -> ec2.createInstanceEventWindow(b -> b.cronExpression("* 0-4,20-23 * * 1,5")
                .dryRun(true)));

        var cron = ec2.createInstanceEventWindow(b -> b.name("nightly").cronExpression("* 0-4,20-23 * * MON,5")
                .tagSpecifications(t -> t.resourceType("instance-event-window").tags(g -> g.key("team").value("ops"))))
                .instanceEventWindow();
        assertTrue(cron.instanceEventWindowId().startsWith("iew-"));
        assertEquals("creating", cron.stateAsString());
        assertEquals("ops", cron.tags().get(0).value());
        String ranges = ec2.createInstanceEventWindow(b -> b.name("weekend").timeRanges(x -> x.startWeekDay("saturday")
                .startHour(22).endWeekDay("sunday").endHour(4))).instanceEventWindow().instanceEventWindowId();
        advance();
        var described = ec2.describeInstanceEventWindows(b -> b.instanceEventWindowIds(cron.instanceEventWindowId()))
                .instanceEventWindows().get(0);
        assertEquals("active", described.stateAsString());
        assertEquals("* 0-4,20-23 * * MON,5", described.cronExpression());

        String id = launch(ec2, "t3.micro", null);
        fails("DryRunOperation", 412, () -> ec2.associateInstanceEventWindow(b -> b.instanceEventWindowId(
                cron.instanceEventWindowId()).associationTarget(x -> x.instanceIds(id)).dryRun(true)));
        fails("InvalidInstanceID.NotFound", 400, () -> ec2.associateInstanceEventWindow(b -> b.instanceEventWindowId(
                cron.instanceEventWindowId()).associationTarget(x -> x.instanceIds("i-0123456789abcdef0"))));
        var associated = ec2.associateInstanceEventWindow(b -> b.instanceEventWindowId(cron.instanceEventWindowId())
                .associationTarget(x -> x.instanceIds(id))).instanceEventWindow();
        assertEquals(List.of(id), associated.associationTarget().instanceIds());
        fails("InvalidParameterCombination", 400, () -> ec2.associateInstanceEventWindow(b -> b.instanceEventWindowId(
                cron.instanceEventWindowId()).associationTarget(x -> x.instanceTags(g -> g.key("a").value("b")))));
        fails("InvalidParameterValue", 400, () -> ec2.associateInstanceEventWindow(b -> b.instanceEventWindowId(
                ranges).associationTarget(x -> x.instanceIds(id))));
        ec2.associateInstanceEventWindow(b -> b.instanceEventWindowId(ranges).associationTarget(x -> x
                .instanceTags(g -> g.key("env").value("prod"))));
        assertEquals(List.of(cron.instanceEventWindowId()), ec2.describeInstanceEventWindows(b -> b.filters(
                Filter.builder().name("instance-id").values(id).build())).instanceEventWindows().stream()
                .map(w -> w.instanceEventWindowId()).toList());
        assertEquals(List.of(ranges), ec2.describeInstanceEventWindows(b -> b.filters(Filter.builder()
                .name("instance-tag").values("env=prod").build())).instanceEventWindows().stream()
                .map(w -> w.instanceEventWindowId()).toList());
        fails("InvalidParameterValue", 400, () -> ec2.describeInstanceEventWindows(b -> b.maxResults(10)));
        fails("InvalidParameterCombination", 400, () -> ec2.describeInstanceEventWindows(b -> b
                .instanceEventWindowIds(ranges).maxResults(20)));

        fails("DryRunOperation", 412, () -> ec2.describeInstanceEventWindows(b -> b.dryRun(true)));
        fails("DryRunOperation", 412, () -> ec2.modifyInstanceEventWindow(b -> b.instanceEventWindowId(
                cron.instanceEventWindowId()).name("x").dryRun(true)));
        fails("DryRunOperation", 412, () -> ec2.disassociateInstanceEventWindow(b -> b.instanceEventWindowId(
                cron.instanceEventWindowId()).associationTarget(x -> x.instanceIds(id)).dryRun(true)));
        var modified = ec2.modifyInstanceEventWindow(b -> b.instanceEventWindowId(cron.instanceEventWindowId())
                .name("early").timeRanges(x -> x.startWeekDay("tuesday").startHour(1).endWeekDay("tuesday").endHour(5)))
                .instanceEventWindow();
        assertEquals("early", modified.name());
        assertNull(modified.cronExpression());
        assertEquals(1, modified.timeRanges().size());
        fails("IncorrectState", 400, () -> ec2.deleteInstanceEventWindow(b -> b
                .instanceEventWindowId(cron.instanceEventWindowId())));
        ec2.disassociateInstanceEventWindow(b -> b.instanceEventWindowId(cron.instanceEventWindowId())
                .associationTarget(x -> x.instanceIds(id)));
        fails("DryRunOperation", 412, () -> ec2.deleteInstanceEventWindow(b -> b.instanceEventWindowId(
                cron.instanceEventWindowId()).dryRun(true)));
        assertEquals("deleting", ec2.deleteInstanceEventWindow(b -> b.instanceEventWindowId(
                cron.instanceEventWindowId())).instanceEventWindowState().stateAsString());
        ec2.deleteInstanceEventWindow(b -> b.instanceEventWindowId(ranges).forceDelete(true));
        fails("InvalidInstanceEventWindowId.NotFound", 400, () -> ec2.describeInstanceEventWindows(b -> b
                .instanceEventWindowIds(ranges)));
    }

    @Test
    void instanceConnectEndpoints() {
        Ec2Client ec2 = ec2();
        String vpc = ec2.createVpc(b -> b.cidrBlock("10.40.0.0/16")).vpc().vpcId();
        var subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.40.1.0/24").availabilityZone("ap-northeast-2a"))
                .subnet();
        String group = ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("eice").description("eice")).groupId();
        int free = subnet.availableIpAddressCount();

        fails("DryRunOperation", 412, () -> ec2.createInstanceConnectEndpoint(b -> b.subnetId(subnet.subnetId())
                .dryRun(true)));
        fails("InvalidSubnetID.NotFound", 400, () -> ec2.createInstanceConnectEndpoint(b -> b
                .subnetId("subnet-0123456789abcdef0")));
        fails("InvalidParameterValue", 400, () -> ec2.createInstanceConnectEndpoint(b -> b.subnetId(subnet.subnetId())
                .ipAddressType("dualstack")));
        var created = ec2.createInstanceConnectEndpoint(b -> b.subnetId(subnet.subnetId()).preserveClientIp(true)
                .clientToken("eice-token").tagSpecifications(t -> t.resourceType("instance-connect-endpoint")
                        .tags(g -> g.key("Name").value("bastion")))).instanceConnectEndpoint();
        String id = created.instanceConnectEndpointId();
        assertTrue(id.startsWith("eice-"));
        assertEquals("create-in-progress", created.stateAsString());
        assertEquals("ipv4", created.ipAddressTypeAsString());
        assertEquals(vpc, created.vpcId());
        assertEquals("arn:aws:ec2:ap-northeast-2:123456789012:instance-connect-endpoint/" + id,
                created.instanceConnectEndpointArn());
        assertTrue(created.dnsName().endsWith(".ec2-instance-connect-endpoint.ap-northeast-2.amazonaws.com"));
        String eni = created.networkInterfaceIds().get(0);
        assertEquals(subnet.subnetId(), ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds(eni))
                .networkInterfaces().get(0).subnetId(), "its interface is in the subnet");
        assertEquals(free - 1, ec2.describeSubnets(b -> b.subnetIds(subnet.subnetId())).subnets().get(0)
                .availableIpAddressCount());
        String defaultGroup = created.securityGroupIds().get(0);
        assertEquals("default", ec2.describeSecurityGroups(b -> b.groupIds(defaultGroup)).securityGroups().get(0)
                .groupName());
        assertEquals(id, ec2.createInstanceConnectEndpoint(b -> b.subnetId(subnet.subnetId()).preserveClientIp(true)
                .clientToken("eice-token")).instanceConnectEndpoint().instanceConnectEndpointId(), "the client token");
        fails("IdempotentParameterMismatch", 400, () -> ec2.createInstanceConnectEndpoint(b -> b
                .subnetId(subnet.subnetId()).clientToken("eice-token")));
        fails("IncorrectState", 400, () -> ec2.modifyInstanceConnectEndpoint(b -> b.instanceConnectEndpointId(id)
                .securityGroupIds(group)));

        advance();
        assertEquals("create-complete", ec2.describeInstanceConnectEndpoints(b -> b.instanceConnectEndpointIds(id))
                .instanceConnectEndpoints().get(0).stateAsString());
        assertEquals(1, ec2.describeInstanceConnectEndpoints(b -> b.filters(Filter.builder().name("tag:Name")
                .values("bastion").build(), Filter.builder().name("state").values("create-complete").build()))
                .instanceConnectEndpoints().size());
        fails("InvalidParameterValue", 400, () -> ec2.modifyInstanceConnectEndpoint(b -> b
                .instanceConnectEndpointId(id).ipAddressType("ipv6")));
        fails("DryRunOperation", 412, () -> ec2.modifyInstanceConnectEndpoint(b -> b.instanceConnectEndpointId(id)
                .securityGroupIds(group).dryRun(true)));
        fails("DryRunOperation", 412, () -> ec2.describeInstanceConnectEndpoints(b -> b.dryRun(true)));
        assertTrue(ec2.modifyInstanceConnectEndpoint(b -> b.instanceConnectEndpointId(id).securityGroupIds(group)
                .preserveClientIp(false)).returnValue());
        var modified = ec2.describeInstanceConnectEndpoints(b -> b.instanceConnectEndpointIds(id))
                .instanceConnectEndpoints().get(0);
        assertEquals("update-in-progress", modified.stateAsString());
        assertEquals(List.of(group), modified.securityGroupIds());
        assertEquals(group, ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds(eni)).networkInterfaces().get(0)
                .groups().get(0).groupId());
        fails("InvalidInstanceConnectEndpointId.NotFound", 400, () -> ec2.describeInstanceConnectEndpoints(b -> b
                .instanceConnectEndpointIds("eice-0123456789abcdef0")));
        fails("InvalidInstanceConnectEndpointId.Malformed", 400, () -> ec2.deleteInstanceConnectEndpoint(b -> b
                .instanceConnectEndpointId("bogus")));
        fails("DependencyViolation", 400, () -> ec2.deleteSubnet(b -> b.subnetId(subnet.subnetId())));

        fails("DryRunOperation", 412, () -> ec2.deleteInstanceConnectEndpoint(b -> b.instanceConnectEndpointId(id)
                .dryRun(true)));
        var deleting = ec2.deleteInstanceConnectEndpoint(b -> b.instanceConnectEndpointId(id)).instanceConnectEndpoint();
        assertEquals("delete-in-progress", deleting.stateAsString());
        advance();
        assertTrue(ec2.describeInstanceConnectEndpoints(b -> b.filters(Filter.builder().name("vpc-id").values(vpc)
                .build())).instanceConnectEndpoints().isEmpty());
        ec2.deleteSubnet(b -> b.subnetId(subnet.subnetId()));
    }
}
